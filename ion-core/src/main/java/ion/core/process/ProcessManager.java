package ion.core.process;

import ion.core.intercept.InterceptorChain;
import ion.core.messaging.spi.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spawns, lists and terminates the processes of one container, and owns what they share: process ids
 * ({@code <container-id>.<n>}, counting from 1 without gaps), the RPC timer and the virtual-thread factory.
 * Thread-safe.
 */
public final class ProcessManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessManager.class);

    private final ProcessRuntime runtime;
    private final ProcessTypes types;
    private final AtomicLong counter = new AtomicLong();
    private final Map<ProcessId, Process> processes = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final List<ProcessExitListener> exitListeners = new CopyOnWriteArrayList<>();

    /**
     * A process manager for one container.
     *
     * @param containerId the container id, prefix of every process id
     * @param sysname the system name services are scoped by
     * @param exchange the topic exchange every process name is bound on; declared here
     * @param transport the broker connection
     * @param interceptors the chain every message of the container's processes passes
     * @param settings settings shared by every process
     * @param types the process types spawnable by name
     */
    public ProcessManager(String containerId, String sysname, String exchange, Transport transport,
            InterceptorChain interceptors, ProcessSettings settings, ProcessTypes types) {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sysname, "sysname");
        this.types = Objects.requireNonNull(types, "types");
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ion-timer-" + containerId);
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        // Started now, on the thread creating the container: a timer thread started lazily by whatever first
        // schedules would inherit that thread's group, which JShell waits on when it is a snippet's.
        this.timer.prestartAllCoreThreads();
        transport.declareExchange(exchange, false, true);
        this.runtime = new ProcessRuntime(containerId, sysname, exchange, transport,
                Objects.requireNonNull(interceptors, "interceptors"), settings, timer,
                Thread.ofVirtual().name("ion-process-", 1).factory(), this);
    }

    /** The process types spawnable by name. */
    public ProcessTypes types() {
        return types;
    }

    /** The settings every process shares. */
    public ProcessSettings settings() {
        return runtime.settings();
    }

    /** The timer the container's processes share; tasks must be short. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Spawns and activates a process. */
    public ProcessId spawn(Process process) {
        return spawn(process, SpawnOptions.defaults());
    }

    /**
     * Spawns a process: assigns its id, declares its queues, initializes it and (unless the options say not to)
     * activates it.
     *
     * @throws IllegalStateException if the instance was spawned before; no id is used up
     * @throws IllegalArgumentException if the parent does not exist here, or an {@link Op} handler of the class is
     *         invalid; no id is used up
     * @throws ProcessStartException if a life-cycle hook failed; the process is then terminated
     */
    public ProcessId spawn(Process process, SpawnOptions options) {
        Process parent = options.parent().map(pid -> find(pid).orElseThrow(() -> new IllegalArgumentException(
                "parent process " + pid + " does not exist in container " + runtime.containerId()))).orElse(null);
        process.checkSpawnable();
        ProcessId id = new ProcessId(runtime.containerId(), counter.incrementAndGet());
        String name = options.name().orElse(process.getClass().getSimpleName());
        process.bind(runtime, id, name, options.args(), parent,
                options.failFast().orElse(runtime.settings().failFast()));
        processes.put(id, process);
        try {
            process.initialize();
            if (options.activate()) {
                process.activate();
            }
        } catch (RuntimeException e) {
            if (process.state() != ProcessState.INIT) {
                process.terminate();
            } else {
                deregister(process);
            }
            throw e;
        }
        LOG.debug("spawned {} ({})", id, name);
        return id;
    }

    /**
     * Spawns a registered process type by name, named after the type unless the options name it.
     *
     * @throws UnknownProcessTypeException if no type has that name
     */
    public ProcessId spawn(String typeName, SpawnOptions options) {
        ProcessType type = types.get(typeName);
        SpawnOptions named = options.name().isPresent() ? options : options.withName(type.name());
        return spawn(type.factory().get(), named);
    }

    /** A live process of this container. */
    public Optional<Process> find(ProcessId id) {
        return Optional.ofNullable(processes.get(id));
    }

    /** The live processes, oldest first. */
    public List<ProcessInfo> list() {
        List<ProcessInfo> result = new ArrayList<>();
        for (Process p : processes.values()) {
            result.add(new ProcessInfo(p.id(), p.name(), p.getClass().getName(), p.state(), p.parentId()));
        }
        result.sort(Comparator.comparingLong(i -> i.id().number()));
        return result;
    }

    /**
     * Terminates a process and its children.
     *
     * @return false if no such process lives here
     */
    public boolean terminate(ProcessId id) {
        Process p = processes.get(id);
        if (p == null) {
            return false;
        }
        p.terminate();
        return true;
    }

    /** Terminates every process, newest first; children go with their parents. */
    public void terminateAll() {
        List<Process> all = new ArrayList<>(processes.values());
        all.sort(Comparator.comparingLong((Process p) -> p.id().number()).reversed());
        for (Process p : all) {
            if (p.parentProcess() != null && p.parentProcess().state() != ProcessState.TERMINATED) {
                continue;
            }
            try {
                p.terminate();
            } catch (RuntimeException e) {
                LOG.warn("terminating process {} failed", p.id(), e);
            }
        }
    }

    /** Terminates every process and stops the timer. */
    @Override
    public void close() {
        terminateAll();
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers a listener told of the end of every process of this container from now on. */
    public void addExitListener(ProcessExitListener listener) {
        exitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void deregister(Process process) {
        processes.remove(process.id(), process);
    }

    /** Tells the exit listeners that {@code process} ended; a listener that throws is logged and skipped. */
    void exited(Process process, ExitReason reason) {
        if (exitListeners.isEmpty()) {
            return;
        }
        ProcessInfo info = new ProcessInfo(process.id(), process.name(), process.getClass().getName(),
                process.state(), process.parentId());
        for (ProcessExitListener l : exitListeners) {
            try {
                l.onExit(info, reason);
            } catch (RuntimeException e) {
                LOG.warn("exit listener {} threw on the end of {}", l, process.id(), e);
            }
        }
    }
}
