package ion.core.container;

import ion.core.container.agent.AgentSettings;
import ion.core.container.agent.ContainerAgent;
import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.event.Events;
import ion.core.intercept.InterceptorChain;
import ion.core.intercept.MetricsInterceptor;
import ion.core.messaging.spi.Transport;
import ion.core.process.ExitReason;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessInfo;
import ion.core.process.ProcessManager;
import ion.core.process.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A capability container: one broker connection and the processes living on it. Start one with
 * {@link #start(ContainerOptions)}; {@link #close()} terminates every process (newest first, children with their
 * parents) and closes the connection. When the options ask for a {@linkplain ContainerAgent container agent}, it
 * is spawned first (process 1, named {@code agent}) and terminated last, after announcing that the container goes
 * down.
 *
 * <p>At start the container declares its system's events exchange point ({@link Events#exchangeName}); it publishes
 * a process life-cycle event for every process of its own that crashes, and {@link #events()} publishes as the
 * container.
 */
public final class Container implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Container.class);
    private static final AtomicInteger CONTAINERS_IN_JVM = new AtomicInteger();

    private final String id;
    private final String sysname;
    private final String host;
    private final ContainerOptions options;
    private final Transport transport;
    private final ProcessManager processes;
    private final InterceptorChain interceptors;
    private final Instant started;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock closing = new ReentrantLock();
    private final EventPublisher events;
    private volatile ContainerAgent agent;

    private Container(String id, String host, String sysname, ContainerOptions options, Transport transport,
            InterceptorChain interceptors, ProcessManager processes) {
        this.interceptors = interceptors;
        this.id = id;
        this.host = host;
        this.sysname = sysname;
        this.options = options;
        this.transport = transport;
        this.processes = processes;
        this.started = Instant.now();
        this.events = EventPublisher.of(this);
    }

    /**
     * Connects to the broker and starts a container, empty but for its agent if the options ask for one.
     *
     * @throws ion.core.messaging.TransportUnavailableException if the broker cannot be reached
     * @throws ion.core.process.ProcessStartException if the agent could not start
     */
    public static Container start(ContainerOptions options) {
        int ordinal = CONTAINERS_IN_JVM.incrementAndGet();
        String host = hostName();
        String id = options.containerId().orElseGet(() -> defaultContainerId(host, ordinal));
        String sysname = options.sysname().orElse(id);
        Transport transport = options.transport().open(options.maxMessageSize());
        Container c;
        try {
            InterceptorChain interceptors = options.interceptors().get();
            ProcessManager manager = new ProcessManager(id, sysname, options.exchange(), transport, interceptors,
                    options.processSettings(), options.types());
            Events.declareExchange(transport, sysname);
            c = new Container(id, host, sysname, options, transport, interceptors, manager);
            manager.addExitListener(c::publishCrash);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        try {
            options.agent().ifPresent(c::startAgent);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        LOG.info("container {} started (sysname {}, {}{})", id, sysname, transport.description(),
                c.agent == null ? "" : ", agent " + c.agent.id());
        return c;
    }

    private void startAgent(AgentSettings settings) {
        ContainerAgent a = new ContainerAgent(this, settings);
        processes.spawn(a, SpawnOptions.defaults().withName(ContainerAgent.AGENT_NAME));
        agent = a;
    }

    /** {@code <host>.<pid>}, with {@code -<n>} appended for the n-th further container of this JVM. */
    private static String defaultContainerId(String host, int ordinal) {
        long pid = ProcessHandle.current().pid();
        return host + "." + pid + (ordinal > 1 ? "-" + ordinal : "");
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        String host = fromEnv;
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (java.io.IOException | RuntimeException e) {
                host = "localhost";
            }
        }
        int dot = host.indexOf('.');
        String shortName = dot > 0 ? host.substring(0, dot) : host;
        String clean = shortName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return clean.isEmpty() ? "localhost" : clean;
    }

    /**
     * Publishes a process life-cycle event ({@link EventType#PROCESS_LIFECYCLE}, origin the process id, payload
     * {@code state} {@code CRASHED}) for a process that crashed; a failure to publish is logged.
     */
    private void publishCrash(ProcessInfo process, ExitReason reason) {
        if (!(reason instanceof ExitReason.Crashed crashed) || closed.get()) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("state", "CRASHED");
        payload.put("name", process.name());
        payload.put("type", process.type());
        payload.put("container-id", id);
        process.parent().ifPresent(p -> payload.put("parent", p.toString()));
        payload.put("cause", String.valueOf(crashed.cause()));
        try {
            events.publish(EventType.PROCESS_LIFECYCLE, process.id().toString(), "process " + process.id() + " ("
                    + process.name() + ") crashed: " + crashed.cause(), payload);
        } catch (RuntimeException e) {
            LOG.warn("container {}: cannot publish the crash of {}: {}", id, process.id(), e.getMessage());
        }
    }

    /**
     * Publishes events on this system's events exchange point as the container itself; processes publish as
     * themselves with {@link EventPublisher#of(Process)}.
     */
    public EventPublisher events() {
        return events;
    }

    /** The container id. */
    public String id() {
        return id;
    }

    /** The system name. */
    public String sysname() {
        return sysname;
    }

    /** The short name of the host the container runs on, as used in default container ids. */
    public String host() {
        return host;
    }

    /** When the container started. */
    public Instant startTime() {
        return started;
    }

    /** The container agent, if the options asked for one and it has started. */
    public Optional<ContainerAgent> agent() {
        return Optional.ofNullable(agent);
    }

    /** The options the container was started with. */
    public ContainerOptions options() {
        return options;
    }

    /** The broker connection. */
    public Transport transport() {
        return transport;
    }

    /** The interceptor chain every message of this container's processes passes. */
    public InterceptorChain interceptors() {
        return interceptors;
    }

    /** Message counts and RPC latencies per operation, if the chain has a metrics interceptor. */
    public Optional<MetricsInterceptor> metrics() {
        return interceptors.find(MetricsInterceptor.class);
    }

    /** The process manager. */
    public ProcessManager processes() {
        return processes;
    }

    /** How long the container has been running. */
    public Duration uptime() {
        return Duration.between(started, Instant.now());
    }

    /** Spawns and activates a process. */
    public ProcessId spawn(Process process) {
        return processes.spawn(process);
    }

    /** Spawns and activates a registered process type by name. */
    public ProcessId spawn(String typeName) {
        return processes.spawn(typeName, SpawnOptions.defaults());
    }

    /**
     * Spawns a plain process with no handlers of its own, named {@code name}, for code outside any process (a
     * command-line tool, a test, the shell) to send messages and make RPCs through.
     */
    public Process newClient(String name) {
        Process client = new Process();
        processes.spawn(client, SpawnOptions.defaults().withName(name));
        return client;
    }

    /** True once {@link #close()} began. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Terminates all processes and closes the broker connection. The agent, if any, goes last: once the other
     * processes are terminated it announces that the container goes down. Idempotent; a call made while another
     * thread is closing the container returns when that close has finished (or after twice the shutdown timeout).
     */
    @Override
    public void close() {
        boolean locked = false;
        try {
            locked = closing.tryLock(2 * options.processSettings().shutdownTimeout().toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.warn("container {}: gave up waiting for another thread to finish closing it", id);
            return;
        }
        try {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            LOG.info("container {} stopping", id);
            try {
                ContainerAgent a = agent;
                if (a != null) {
                    terminateAllBut(a.id());
                    try {
                        a.leave();
                    } catch (RuntimeException e) {
                        LOG.warn("container {}: stopping the agent failed", id, e);
                    }
                }
                processes.close();
            } finally {
                transport.close();
            }
            LOG.info("container {} stopped", id);
        } finally {
            closing.unlock();
        }
    }

    /** Terminates every process but one, newest first; children go with their parents. */
    private void terminateAllBut(ProcessId spared) {
        List<ProcessInfo> all = processes.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            ProcessInfo p = all.get(i);
            if (p.id().equals(spared) || p.parent().isPresent()) {
                continue;
            }
            try {
                processes.terminate(p.id());
            } catch (RuntimeException e) {
                LOG.warn("terminating process {} failed", p.id(), e);
            }
        }
    }
}
