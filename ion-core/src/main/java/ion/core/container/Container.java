package ion.core.container;

import ion.core.intercept.InterceptorChain;
import ion.core.intercept.MetricsInterceptor;
import ion.core.messaging.spi.Transport;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessManager;
import ion.core.process.SpawnOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * parents) and closes the connection.
 */
public final class Container implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Container.class);
    private static final AtomicInteger CONTAINERS_IN_JVM = new AtomicInteger();

    private final String id;
    private final String sysname;
    private final ContainerOptions options;
    private final Transport transport;
    private final ProcessManager processes;
    private final InterceptorChain interceptors;
    private final Instant started;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock closing = new ReentrantLock();

    private Container(String id, String sysname, ContainerOptions options, Transport transport,
            InterceptorChain interceptors, ProcessManager processes) {
        this.interceptors = interceptors;
        this.id = id;
        this.sysname = sysname;
        this.options = options;
        this.transport = transport;
        this.processes = processes;
        this.started = Instant.now();
    }

    /**
     * Connects to the broker and starts an empty container.
     *
     * @throws ion.core.messaging.TransportUnavailableException if the broker cannot be reached
     */
    public static Container start(ContainerOptions options) {
        int ordinal = CONTAINERS_IN_JVM.incrementAndGet();
        String id = options.containerId().orElseGet(() -> defaultContainerId(ordinal));
        String sysname = options.sysname().orElse(id);
        Transport transport = options.transport().open(options.maxMessageSize());
        try {
            InterceptorChain interceptors = options.interceptors().get();
            ProcessManager manager = new ProcessManager(id, sysname, options.exchange(), transport, interceptors,
                    options.processSettings(), options.types());
            Container c = new Container(id, sysname, options, transport, interceptors, manager);
            LOG.info("container {} started (sysname {}, {})", id, sysname, transport.description());
            return c;
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** {@code <host>.<pid>}, with {@code -<n>} appended for the n-th further container of this JVM. */
    static String defaultContainerId(int ordinal) {
        String host = hostName();
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

    /** The container id. */
    public String id() {
        return id;
    }

    /** The system name. */
    public String sysname() {
        return sysname;
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
     * Terminates all processes and closes the broker connection. Idempotent; a call made while another thread is
     * closing the container returns when that close has finished (or after twice the shutdown timeout).
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
                processes.close();
            } finally {
                transport.close();
            }
            LOG.info("container {} stopped", id);
        } finally {
            closing.unlock();
        }
    }
}
