package ion.core.supervision;

import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.process.ExitReason;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.SpawnOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process that starts other processes as its children and restarts them when they end, after OTP's supervisors.
 *
 * <p><b>Start.</b> On initialize the children are spawned in specification order, fail-fast ("let it crash") and
 * named after their ids. If one cannot be started, the supervisor fails to start and the children started so far
 * are terminated with it.
 *
 * <p><b>Restart.</b> When a child ends, its {@link RestartType} decides whether it is restarted and the
 * {@link RestartStrategy} which siblings are restarted with it; siblings to be restarted are terminated last
 * first and then all are started in specification order. Temporary siblings are terminated but not started again.
 * Every restart decision counts once against the intensity of the {@link SupervisorSpec}, and so does every start
 * that fails; when there would be more than {@code maxRestarts} within {@code period}, the supervisor gives up: it
 * terminates its children, last first, and crashes with a {@link RestartIntensityExceededException}, so that its
 * own parent (a supervisor above it) sees a crash and decides in turn. Ends of processes the supervisor itself
 * replaced are ignored.
 *
 * <p><b>Stop.</b> Terminating the supervisor terminates its children (the most recently started first) and
 * restarts nothing. A worker child that crashes on a message from its worker queue leaves that message on the
 * queue (see {@link Process}); the queue outlives its consumers, so the restarted child gets the message again.
 *
 * <p><b>Events.</b> Every restart is published as a process life-cycle event (id 1052) with the supervisor's id as
 * origin and {@code state} {@value #STATE_RESTARTED}; a crashed child has its own 1052 event with {@code state}
 * {@code CRASHED}, published by its container.
 *
 * <p>Everything here runs on the supervisor's own thread, except {@link #childStatus()}, which any thread may call.
 */
public class Supervisor extends Process {
    /** The {@code state} in the payload of the process life-cycle event published for every restart. */
    public static final String STATE_RESTARTED = "RESTARTED";

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final SupervisorSpec spec;
    private final List<Child> children;
    private final ReentrantLock table = new ReentrantLock();
    private final ArrayDeque<Long> restartTimes = new ArrayDeque<>();

    /**
     * A supervisor of {@code children}, started in this order.
     *
     * @throws IllegalArgumentException if two children have the same id
     */
    public Supervisor(SupervisorSpec spec, List<ChildSpec> children) {
        this.spec = Objects.requireNonNull(spec, "spec");
        Set<String> ids = new HashSet<>();
        List<Child> list = new ArrayList<>();
        for (ChildSpec c : children) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two children of one supervisor have the id '" + c.id() + "'");
            }
            list.add(new Child(c));
        }
        this.children = List.copyOf(list);
    }

    /** The supervisor's specification. */
    public final SupervisorSpec spec() {
        return spec;
    }

    /** The children in specification order: which process runs each now and how often it was restarted. */
    public final List<ChildStatus> childStatus() {
        table.lock();
        try {
            return children.stream().map(c -> new ChildStatus(c.spec.id(), c.spec.restart(),
                    Optional.ofNullable(c.current), c.restarts)).toList();
        } finally {
            table.unlock();
        }
    }

    /**
     * Records a restart. The default logs it at INFO; override it to publish the restart elsewhere as well. Called
     * on the supervisor's thread, after the restarted child was spawned.
     */
    protected void recordRestart(ChildRestart restart) {
        LOG.info("supervisor {} restarted child '{}' as {} (was {}; restart {} after '{}' ended: {})",
                restart.supervisor(), restart.childId(), restart.current(),
                restart.previous().map(ProcessId::toString).orElse("not running"), restart.restarts(),
                restart.trigger(), restart.reason());
    }

    /**
     * Publishes a restart as a process life-cycle event ({@link EventType#PROCESS_LIFECYCLE}) with the supervisor's
     * id as origin and payload {@code state} {@value #STATE_RESTARTED}, {@code child} (its id in the
     * specification), {@code previous} (empty if it was not running), {@code current}, {@code trigger},
     * {@code reason} and {@code restarts}. A failure to publish is logged; it does not stop the supervisor.
     */
    private void publishRestart(ChildRestart r) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", STATE_RESTARTED);
        payload.put("child", r.childId());
        payload.put("previous", r.previous().map(ProcessId::toString).orElse(""));
        payload.put("current", r.current().toString());
        payload.put("trigger", r.trigger());
        payload.put("reason", r.reason().toString());
        payload.put("restarts", r.restarts());
        try {
            EventPublisher.of(this).publish(EventType.PROCESS_LIFECYCLE, id().toString(), "supervisor " + id()
                    + " restarted child '" + r.childId() + "' as " + r.current() + " after '" + r.trigger()
                    + "' ended (" + r.reason() + ")", payload);
        } catch (RuntimeException e) {
            LOG.warn("supervisor {} cannot publish the restart of '{}': {}", id(), r.childId(), e.getMessage());
        }
    }

    /** Starts the children in order. */
    @Override
    protected final void onInit() {
        for (Child c : children) {
            ProcessId pid = spawn(c.spec);
            setCurrent(c, pid);
        }
    }

    /** Restarts as the specification says; a supervisor that fails at that crashes. */
    @Override
    protected final void onChildExit(ProcessId child, ExitReason reason) {
        try {
            handleExit(child, reason);
        } catch (RuntimeException e) {
            LOG.warn("supervisor {} failed to handle the end of {}; it crashes", id(), child, e);
            crash(e);
        }
    }

    private void handleExit(ProcessId child, ExitReason reason) {
        Child ended = byProcess(child);
        if (ended == null) {
            LOG.debug("supervisor {} ignores the end of {}, which it no longer supervises", id(), child);
            return;
        }
        setCurrent(ended, null);
        if (!ended.spec.restart().restartsAfter(reason.isCrash())) {
            LOG.info("supervisor {}: child '{}' ({}) ended ({}) and, being {}, is not restarted", id(),
                    ended.spec.id(), child, reason, ended.spec.restart());
            return;
        }
        if (!countRestart()) {
            giveUp(ended, reason);
            return;
        }
        List<Child> group = group(ended);
        List<Child> toStart = new ArrayList<>();
        List<ProcessId> previous = new ArrayList<>();
        for (Child c : group) {
            ProcessId running = current(c);
            if (c == ended || (running != null && c.spec.restart() != RestartType.TEMPORARY)) {
                toStart.add(c);
                previous.add(c == ended ? child : running);
            }
        }
        for (int i = group.size() - 1; i >= 0; i--) {
            Child c = group.get(i);
            ProcessId running = current(c);
            if (running != null) {
                setCurrent(c, null);
                terminateChild(running);
            }
        }
        for (int i = 0; i < toStart.size(); i++) {
            Child c = toStart.get(i);
            if (!restart(c, previous.get(i), ended.spec.id(), reason)) {
                return;
            }
        }
    }

    /** Clears the running processes; the children were terminated with the supervisor. */
    @Override
    protected final void onTerminate() {
        for (Child c : children) {
            setCurrent(c, null);
        }
    }

    /** The children restarted along with {@code ended}, in specification order. */
    private List<Child> group(Child ended) {
        return switch (spec.strategy()) {
            case ONE_FOR_ONE -> List.of(ended);
            case ONE_FOR_ALL -> children;
            case REST_FOR_ONE -> children.subList(children.indexOf(ended), children.size());
        };
    }

    /**
     * Starts {@code c} again; a failed start counts against the intensity and is retried, at most
     * {@code maxRestarts} times in a row.
     *
     * @return false if the supervisor gave up
     */
    private boolean restart(Child c, ProcessId previous, String trigger, ExitReason reason) {
        int failures = 0;
        while (true) {
            try {
                ProcessId pid = spawn(c.spec);
                int restarts;
                table.lock();
                try {
                    c.current = pid;
                    restarts = ++c.restarts;
                } finally {
                    table.unlock();
                }
                ChildRestart record = new ChildRestart(id(), c.spec.id(), Optional.ofNullable(previous), pid,
                        trigger, reason, restarts);
                recordRestart(record);
                publishRestart(record);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("supervisor {} could not restart child '{}'", id(), c.spec.id(), e);
                if (!countRestart() || ++failures > spec.maxRestarts()) {
                    giveUp(c, ExitReason.crashed(e));
                    return false;
                }
            }
        }
    }

    private ProcessId spawn(ChildSpec c) {
        SpawnOptions options = SpawnOptions.defaults().withName(c.id()).withArgs(c.args()).withFailFast(true);
        if (c.typeName().isPresent()) {
            return spawnChild(c.typeName().get(), options);
        }
        Process instance = Objects.requireNonNull(c.factory().orElseThrow().get(),
                () -> "the factory of child '" + c.id() + "' returned null");
        return spawnChild(instance, options);
    }

    /** Counts one restart; false if that is more than the intensity allows within the period. */
    private boolean countRestart() {
        long now = System.nanoTime();
        long window = spec.period().toNanos();
        table.lock();
        try {
            while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() >= window) {
                restartTimes.pollFirst();
            }
            restartTimes.addLast(now);
            return restartTimes.size() <= spec.maxRestarts();
        } finally {
            table.unlock();
        }
    }

    /** Terminates every child, last first, and crashes. */
    private void giveUp(Child culprit, ExitReason reason) {
        Throwable cause = reason instanceof ExitReason.Crashed crashed ? crashed.cause() : null;
        LOG.warn("supervisor {} gives up: child '{}' ended ({}) beyond the restart intensity of {} within {};"
                + " terminating its children and crashing", id(), culprit.spec.id(), reason, spec.maxRestarts(),
                spec.period());
        for (int i = children.size() - 1; i >= 0; i--) {
            Child c = children.get(i);
            ProcessId running = current(c);
            if (running != null) {
                setCurrent(c, null);
                terminateChild(running);
            }
        }
        crash(new RestartIntensityExceededException(id().toString(), culprit.spec.id(), spec.maxRestarts(),
                spec.period(), cause));
    }

    private Child byProcess(ProcessId pid) {
        table.lock();
        try {
            for (Child c : children) {
                if (pid.equals(c.current)) {
                    return c;
                }
            }
            return null;
        } finally {
            table.unlock();
        }
    }

    private ProcessId current(Child c) {
        table.lock();
        try {
            return c.current;
        } finally {
            table.unlock();
        }
    }

    private void setCurrent(Child c, ProcessId pid) {
        table.lock();
        try {
            c.current = pid;
        } finally {
            table.unlock();
        }
    }

    /** A child's specification and what runs it; the mutable fields are guarded by {@code table}. */
    private static final class Child {
        final ChildSpec spec;
        ProcessId current;
        int restarts;

        Child(ChildSpec spec) {
            this.spec = spec;
        }
    }
}
