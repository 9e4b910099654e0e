package ion.shell;

import ion.core.container.Container;
import ion.core.container.agent.ContainerAgent;
import ion.core.container.agent.PeerInfo;
import ion.core.event.Event;
import ion.core.event.EventPublisher;
import ion.core.event.EventSubscriber;
import ion.core.event.Events;
import ion.core.intercept.MetricsInterceptor;
import ion.core.intercept.OpStats;
import ion.core.messaging.Message;
import ion.core.messaging.Scope;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessInfo;
import ion.core.process.ProcessType;
import ion.core.process.SpawnOptions;
import ion.core.service.ServiceProcess;
import ion.services.datastore.LogEntry;
import ion.services.datastore.ObjectInfo;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Subscription;
import ion.services.pubsub.Topic;
import ion.services.registry.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The helpers of the container shell, preloaded there with {@code import static ion.shell.ShellApi.*}. Each works
 * on the container the running {@link ContainerShell} is bound to, prints a readable result on the shell's output
 * and, where there is one, returns it. Messages go out through the shell's own client process (named
 * {@code shell}); the shell thread is not a process thread.
 *
 * <p>Targets of {@link #send} and {@link #rpc}: a number {@code n} is the local process
 * {@code <container-id>.<n>}; a {@link ProcessId} is that process; a name with a dot is used as given; a name
 * without a dot that is the service name of a running local service or the name of a registered process type is
 * qualified with the system name ({@code "hello"} becomes {@code <sysname>.hello}); any other name is used as
 * given.
 */
public final class ShellApi {
    /** What {@link #rpc} returns for an OK reply that carries no content. */
    public enum NoContent {
        /** The reply had no content. */
        NONE;

        @Override
        public String toString() {
            return "(no content)";
        }
    }

    static final String HELP = """
            Helpers (Java syntax; end a statement with Enter, Ctrl-D stops the container):
              info()                      this text, the container id, sysname, transport and uptime
              ps()                        the processes of this container
              svc()                       registered process types and running services
              ms()                        message counts and RPC latencies per operation
              spawn("hello")              spawn a registered type; returns its id
              spawn("hello", Map.of("servicename", "hi"))   ... with spawn arguments
              send(target, op, content)   one-way message
              rpc(target, op, content)    request; prints and returns the reply content
              kill(3)                     terminate local process 3 (a number or a process id)
              nodes()                     this container and the peers its container agent knows
              identify()                  ask every container of the system to announce itself now
              events("1001.*")            print the events matching <id or *>.<origin pattern> as they arrive
              stopEvents()                stop every events(...) tail
              publishEvent(1001, "r1", "text")   publish an event (id, origin, description)
              xps()                       exchange points of the pubsub service, with their use
              topics("science_data")      its topics (topics(xp, "ocean.#") by pattern)
              subs("science_data")        its subscriptions: messages waiting, rates in and out over 1 s
                                          (subs(xp, Duration.ofSeconds(5)) for another window)
              publish(xp, topic, content) publish a test message (the shell registers as a publisher)
              tail(xp, "ocean.#")         print the messages of matching topics as they arrive; untail() stops
              repos()                     the repositories the datastore holds
              repoLog("id")               commits of a repository: key, date, author, comment, parents
              repoObjects("id")           commits and objects of a repository: key, type, size
              resource("id")              a resource of the resource registry
            Targets: 3 is the local process <container-id>.3; "hello" (a service or type name
            without a dot) means <sysname>.hello; a name with a dot is used as given.
            An ERROR reply throws ReceivedError: the shell prints ERROR <response>: <exception>.
            container() is the Container, shell() the shell's client Process.""";

    private static final String NO_AGENT = "the container agent is not running in this container"
            + " (agent.enabled is false), so it knows no peers";

    private static final AtomicReference<Session> CURRENT = new AtomicReference<>();
    private static final List<EventSubscriber> TAILS = new CopyOnWriteArrayList<>();
    private static final AtomicReference<PubsubHelpers> PUBSUB = new AtomicReference<>();

    /** What the helpers work on: one running shell. */
    record Session(Container container, Process client, PrintStream out, AtomicBoolean echoed) {
    }

    private ShellApi() {
    }

    /** Binds the helpers to a shell's session; fails if another shell of this JVM is bound. */
    static void bind(Session session) {
        if (!CURRENT.compareAndSet(null, session)) {
            throw new IllegalStateException("another container shell is running in this JVM");
        }
        PUBSUB.set(new PubsubHelpers());
    }

    /** Releases the helpers from a session and stops its event tails. */
    static void unbind(Session session) {
        if (CURRENT.compareAndSet(session, null)) {
            closeTails();
        }
    }

    private static Session session() {
        Session s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no container shell is running");
        }
        return s;
    }

    /** The container the shell runs in. */
    public static Container container() {
        return session().container();
    }

    /** The shell's client process, through which the helpers send. */
    public static Process shell() {
        return session().client();
    }

    /** Prints the container id, sysname, transport, uptime, process count and the list of helpers. */
    public static void info() {
        Session s = session();
        Container c = s.container();
        PrintStream out = s.out();
        out.println("container-id: " + c.id());
        out.println("sysname:      " + c.sysname());
        out.println("transport:    " + c.transport().description());
        out.println("uptime:       " + formatUptime(c.uptime()));
        out.println("processes:    " + c.processes().list().size());
        out.println(HELP);
    }

    /** Prints a table of this container's processes: id, name, type, state, parent. */
    public static void ps() {
        Session s = session();
        Table t = new Table("ID", "NAME", "TYPE", "STATE", "PARENT");
        for (ProcessInfo p : s.container().processes().list()) {
            t.row(p.id().toString(), p.name(), simpleName(p.type()), p.state().toString(),
                    p.parent().map(ProcessId::toString).orElse("-"));
        }
        t.print(s.out());
    }

    /** Prints the registered process types and the running services (service name, queue, process id). */
    public static void svc() {
        Session s = session();
        Container c = s.container();
        Table types = new Table("TYPE", "DESCRIPTION");
        for (String name : c.processes().types().names()) {
            ProcessType type = c.processes().types().get(name);
            types.row(name, type.description());
        }
        types.print(s.out());
        s.out().println();
        Table services = new Table("SERVICE", "QUEUE", "PROCESS");
        for (ServiceProcess p : runningServices(c)) {
            services.row(p.serviceName(), p.serviceQueue(), p.id().toString());
        }
        if (services.isEmpty()) {
            s.out().println("no service is running in this container");
        } else {
            services.print(s.out());
        }
    }

    /** Prints per-operation message statistics of this container: sent, received, replies, errors, latency. */
    public static void ms() {
        Session s = session();
        Optional<MetricsInterceptor> metrics = s.container().metrics();
        if (metrics.isEmpty()) {
            s.out().println("message statistics are off: the interceptor chain has no 'metrics' interceptor"
                    + " (configure messaging.interceptors)");
            return;
        }
        List<OpStats> stats = metrics.get().snapshot();
        if (stats.isEmpty()) {
            s.out().println("no messages yet");
            return;
        }
        Table t = new Table("OP", "SENT", "RECEIVED", "REPLIES", "ERRORS", "MEAN", "MAX");
        for (OpStats o : stats) {
            t.row(o.op(), Long.toString(o.sent()), Long.toString(o.received()), Long.toString(o.replies()),
                    Long.toString(o.errors()), formatLatency(o.meanLatency()), formatLatency(o.maxLatency()));
        }
        t.print(s.out());
    }

    /** Spawns a registered process type with no arguments; prints and returns its id. */
    public static ProcessId spawn(String type) {
        return spawn(type, Map.of());
    }

    /** Spawns a registered process type with spawn arguments; prints and returns its id. */
    public static ProcessId spawn(String type, Map<String, Object> args) {
        Session s = session();
        ProcessId id = s.container().processes().spawn(type, SpawnOptions.defaults().withArgs(args));
        s.out().println("spawned " + type + " as " + id);
        s.echoed().set(true);
        return id;
    }

    /** Sends a one-way message (see the class comment for what {@code target} may be). */
    public static void send(Object target, String op, Object content) {
        Session s = session();
        String receiver = resolve(s.container(), target);
        s.client().send(receiver, op, content);
        s.out().println("sent " + op + " to " + receiver);
    }

    /**
     * Sends a request and waits for the reply at most the container's RPC timeout; prints and returns the reply
     * content ({@link NoContent#NONE} if the reply has none).
     *
     * @throws ion.core.process.ReceivedError if the reply has status ERROR
     * @throws ion.core.process.RpcTimeoutException if no reply came in time
     */
    public static Object rpc(Object target, String op, Object content) {
        Session s = session();
        Message reply = s.client().rpc(resolve(s.container(), target), op, content);
        Object result = reply.content().orElse(NoContent.NONE);
        s.out().println(result);
        s.echoed().set(true);
        return result;
    }

    /** Terminates a local process (a number or a process id) and its children; says so if there is none. */
    public static void kill(Object pid) {
        Session s = session();
        ProcessId id = processId(s.container(), pid);
        if (id.equals(s.client().id())) {
            s.out().println(id + " is the shell's own client process; leave the shell with Ctrl-D instead");
            return;
        }
        if (s.container().processes().terminate(id)) {
            s.out().println("terminated " + id);
        } else {
            s.out().println("no process " + id + " in this container");
        }
    }

    /**
     * Prints this container and the peers its container agent knows (container id, agent, host, when first and
     * last heard of) and returns the peers; an empty list, said so, when the container runs no agent.
     */
    public static List<PeerInfo> nodes() {
        Session s = session();
        Container c = s.container();
        s.echoed().set(true);
        Optional<ContainerAgent> agent = c.agent();
        if (agent.isEmpty()) {
            s.out().println(NO_AGENT);
            return List.of();
        }
        List<PeerInfo> peers = agent.get().peers();
        Instant now = Instant.now();
        Table t = new Table("CONTAINER", "AGENT", "HOST", "FIRST SEEN", "LAST SEEN");
        t.row(c.id() + " (this)", agent.get().id().toString(), "-", formatUptime(c.uptime()) + " ago", "now");
        for (PeerInfo p : peers) {
            t.row(p.containerId(), p.agentId(), p.host(), ago(p.firstSeen(), now), ago(p.lastSeen(), now));
        }
        t.print(s.out());
        return peers;
    }

    /**
     * Asks the container agent to announce this container to the system with event {@code identify}; every peer
     * answers with an announcement of its own, so {@link #nodes()} is up to date a moment later. Prints what was
     * announced; says so when the container runs no agent.
     */
    public static void identify() {
        Session s = session();
        Container c = s.container();
        Optional<ContainerAgent> agent = c.agent();
        if (agent.isEmpty()) {
            s.out().println(NO_AGENT);
            return;
        }
        s.client().rpc(agent.get().id().toString(), "identify", null);
        s.out().println("announced " + c.id() + " on " + Scope.SYSTEM.qualify(ContainerAgent.ANNOUNCE_NAME, c.id(),
                c.sysname()) + "; the peers answer with their own announcements (see nodes())");
    }

    /**
     * Tails the system's events: subscribes with a binding key {@code <id or *>.<origin pattern or #>} (for example
     * {@code "1001.*"}, {@code "1051.#"}, {@code "*.#"}) and prints each event as it arrives, one line each, until
     * {@link #stopEvents()} or the end of the shell. Returns the subscriber ({@code close()} stops this tail alone).
     *
     * @throws ion.core.event.InvalidEventException if the binding key is not valid
     */
    public static EventSubscriber events(String bindingKey) {
        Session s = session();
        PrintStream out = s.out();
        EventSubscriber tail = EventSubscriber.start(s.container(), bindingKey, e -> out.println("event " + e));
        TAILS.add(tail);
        s.echoed().set(true);
        out.println("tailing events " + tail.filter() + " on " + Events.exchangeName(s.container().sysname())
                + "; stopEvents() stops");
        return tail;
    }

    /** Stops every tail started with {@link #events(String)}. */
    public static void stopEvents() {
        int n = closeTails();
        session().out().println(n == 0 ? "no event tails were running" : "stopped " + n + " event tail"
                + (n == 1 ? "" : "s"));
    }

    /** Publishes an event with an empty payload as the shell's process; prints and returns it. */
    public static Event publishEvent(int id, String origin, String description) {
        return publishEvent(id, origin, description, Map.of());
    }

    /** Publishes an event as the shell's process; prints and returns it. */
    public static Event publishEvent(int id, String origin, String description, Map<String, ?> payload) {
        Session s = session();
        Event e = EventPublisher.of(s.client()).publish(id, origin, description, payload);
        s.echoed().set(true);
        s.out().println("published " + e);
        return e;
    }

    private static int closeTails() {
        int n = 0;
        for (EventSubscriber t : TAILS) {
            t.close();
            TAILS.remove(t);
            n++;
        }
        return n;
    }

    /** Prints the exchange points of the system's pubsub service with their topic, publisher, subscription counts. */
    public static List<ExchangePoint> xps() {
        Session s = session();
        s.echoed().set(true);
        return PUBSUB.get().exchangePoints(s);
    }

    /** Prints the topics of an exchange point with their publisher and subscription counts. */
    public static List<Topic> topics(String exchangePoint) {
        return topics(exchangePoint, "#");
    }

    /** Prints the topics of an exchange point matching a pattern ({@code *} one word, {@code #} any). */
    public static List<Topic> topics(String exchangePoint, String pattern) {
        Session s = session();
        s.echoed().set(true);
        return PUBSUB.get().topics(s, exchangePoint, pattern);
    }

    /**
     * Prints the subscriptions of an exchange point, with the messages waiting in each one's queue and the rates in
     * and out measured over {@link PubsubInspector#DEFAULT_RATE_WINDOW} (see {@link #subs(String, Duration)}).
     */
    public static List<Subscription> subs(String exchangePoint) {
        return subs(exchangePoint, PubsubInspector.DEFAULT_RATE_WINDOW);
    }

    /**
     * Prints the subscriptions of an exchange point, with the messages waiting in each one's queue and, unless the
     * window is zero, measured over that window: IN/S, messages per second published to a topic the pattern
     * matches, and OUT/S, per second leaving the queue (consumed or dropped by the length limit).
     */
    public static List<Subscription> subs(String exchangePoint, Duration rateWindow) {
        Session s = session();
        s.echoed().set(true);
        return PUBSUB.get().subscriptions(s, exchangePoint, rateWindow);
    }

    /**
     * Publishes a test message to a declared topic; the first publish to a topic registers the shell as a
     * publisher for it.
     */
    public static void publish(String exchangePoint, String topic, Object content) {
        Session s = session();
        PUBSUB.get().publish(s, exchangePoint, topic, content);
    }

    /**
     * Prints {@code [topic] content} for every message published to a topic matching {@code pattern}, from now
     * on, through a transient subscription; returns the printing process. {@link #untail()} stops every tail.
     */
    public static ProcessId tail(String exchangePoint, String pattern) {
        Session s = session();
        s.echoed().set(true);
        return PUBSUB.get().tail(s, exchangePoint, pattern);
    }

    /** Stops the tails started by {@link #tail} and cancels their subscriptions. */
    public static void untail() {
        PUBSUB.get().untail(session());
    }

    /** Prints and returns the ids of the repositories the system's {@code datastore} holds. */
    public static List<String> repos() {
        return inspector().repositories();
    }

    /**
     * Prints and returns the commits of a repository of the system's {@code datastore}, newest first: key, date,
     * author, comment, parents and the branches it heads.
     *
     * @throws ion.core.process.ReceivedError for an unknown repository
     */
    public static List<LogEntry> repoLog(String repository) {
        return inspector().log(repository);
    }

    /**
     * Prints and returns the commits and objects of a repository of the system's {@code datastore}: key, type and
     * size.
     *
     * @throws ion.core.process.ReceivedError for an unknown repository
     */
    public static List<ObjectInfo> repoObjects(String repository) {
        return inspector().objects(repository);
    }

    /**
     * Prints and returns the latest version of a resource of the system's {@code resource_registry}.
     *
     * @throws ion.core.process.ReceivedError for an unknown id
     */
    public static Resource resource(String id) {
        return inspector().resource(id);
    }

    private static StoreInspector inspector() {
        Session s = session();
        s.echoed().set(true);
        return new StoreInspector(s.client(), s.out());
    }

    private static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        return d.toMillis() < 1000 ? d.toMillis() + " ms ago" : formatUptime(d) + " ago";
    }

    static String resolve(Container c, Object target) {
        Objects.requireNonNull(target, "target");
        if (target instanceof Number || target instanceof ProcessId) {
            return processId(c, target).toString();
        }
        if (!(target instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("a target is a process number, a ProcessId or a name, not '"
                    + target + "'");
        }
        if (name.contains(".")) {
            return name;
        }
        boolean service = runningServices(c).stream().anyMatch(p -> p.serviceName().equals(name))
                || c.processes().types().find(name).isPresent();
        return service ? Scope.SYSTEM.qualify(name, c.id(), c.sysname()) : name;
    }

    private static ProcessId processId(Container c, Object pid) {
        return switch (pid) {
            case ProcessId id -> id;
            case Integer n -> new ProcessId(c.id(), n);
            case Long n -> new ProcessId(c.id(), n);
            case Short n -> new ProcessId(c.id(), n);
            case String text when text.chars().allMatch(Character::isDigit) && !text.isEmpty() ->
                    new ProcessId(c.id(), Long.parseLong(text));
            case String text -> ProcessId.parse(text);
            default -> throw new IllegalArgumentException("a process is a number or a process id, not '" + pid + "'");
        };
    }

    private static List<ServiceProcess> runningServices(Container c) {
        List<ServiceProcess> result = new ArrayList<>();
        for (ProcessInfo info : c.processes().list()) {
            c.processes().find(info.id()).ifPresent(p -> {
                if (p instanceof ServiceProcess sp) {
                    result.add(sp);
                }
            });
        }
        return result;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    static String formatUptime(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s"
                : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    static String formatLatency(Duration d) {
        long micros = d.toNanos() / 1000;
        return micros < 1000 ? micros + " us" : String.format(java.util.Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
