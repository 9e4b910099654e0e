package ion.core.process;

import ion.core.intercept.Direction;
import ion.core.intercept.InterceptContext;
import ion.core.intercept.Verdict;
import ion.core.messaging.Binding;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Scope;
import ion.core.messaging.Status;
import ion.core.messaging.WrongContentTypeException;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message-driven process: the unit of concurrency of a container. Subclasses declare {@link Op} handlers and
 * life-cycle hooks; the container spawns them.
 *
 * <p><b>Threading.</b> A process handles one message at a time, in arrival order per sender, on a virtual
 * thread of its own that exists only while there is work. Handlers may block (for example in {@link #rpc}).
 *
 * <p><b>Queues.</b> Each process consumes its own exclusive queue, named by its {@link ProcessId}, and any
 * {@linkplain #addReceiver extra receivers} and {@linkplain #attach attached queues}. Messages that arrive before
 * the process is ACTIVE are held and handled once it is; RPC replies are received from READY on, so hooks may make
 * RPCs. Messages from every queue pass the inbound interceptors and are dispatched by {@code op} alike; a handler
 * learns which queue the message in hand came from with {@link #deliveryQueue()}.
 *
 * <p><b>RPC.</b> Replies are matched by {@code conv-id}, a value unique across containers, and complete the
 * waiting call directly, never passing through the mailbox: a handler blocked in {@link #rpc} still gets its
 * answer. While a handler waits, requests belonging to the same causal chain (carrying the {@code conv-root}
 * of the request being handled, as call-backs into this process do) are served on the waiting thread, nested;
 * everything else waits its turn. A reply arriving after its call timed out is acknowledged and dropped.
 *
 * <p><b>Errors.</b> An unknown op, a missing or ill-typed header or content, and an exception in a handler each
 * produce an ERROR reply to the sender; the process keeps serving unless it is fail-fast (the container's
 * {@code process.fail-fast}, or {@link SpawnOptions#withFailFast} for one process). A fail-fast process whose
 * handler throws crashes: it handles nothing more and terminates with {@link ExitReason.Crashed}. If the message
 * came from a {@linkplain ReceiverKind#WORKER worker} receiver or an {@linkplain #attach attached} queue and was not
 * answered yet, it gets no ERROR reply but goes back to its queue, so that another instance, or this one restarted,
 * handles it again.
 *
 * <p><b>Exits.</b> When a child ends, its parent is told through its own mailbox: {@link #onChildExit} runs on the
 * parent's thread, one message at a time like any handler. A parent that is itself terminating is not told.
 */
public class Process {
    private static final Logger LOG = LoggerFactory.getLogger(Process.class);
    private static final Object WAKE = new Object();
    private static final String RESULT_OP = "result";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ConcurrentLinkedQueue<Inbound> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Outstanding RPCs by conv-id; created by the first RPC, since most processes never make one. */
    private volatile Map<String, PendingRpc> pending;
    /** Call-backs served while a handler waits in an RPC; created by the first such wait. */
    private volatile LinkedBlockingQueue<Object> nestedInbox;
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private final List<Process> children = new CopyOnWriteArrayList<>();
    private final AtomicLong convCounter = new AtomicLong();

    private volatile ProcessState state = ProcessState.INIT;
    private volatile ProcessRuntime runtime;
    private InterceptContext outboundContext;
    private InterceptContext inboundContext;
    private volatile Thread drainThread;
    private volatile int waitDepth;
    private volatile String waitingRoot;
    private volatile boolean terminateRequested;
    private volatile boolean failFast;
    private volatile ExitReason exitReason;
    private ProcessId id;
    /** {@link #id} as text, the {@code sender} and {@code reply-to} of every message sent. */
    private String idText;
    private String name;
    private Map<String, Object> spawnArgs = Map.of();
    private Process parent;
    private OpTable ops;

    private Message currentRequest;
    private String currentRoot;
    private String currentQueue;
    private Delivery currentDelivery;
    private boolean ackHeld;
    private boolean replied;

    /** A process with no handlers of its own; subclass it to add {@link Op} methods and hooks. */
    public Process() {
    }

    // ------------------------------------------------------------------ identity

    /**
     * This process's id.
     *
     * @throws IllegalStateException before the process was spawned
     */
    public final ProcessId id() {
        if (id == null) {
            throw new IllegalStateException("process " + getClass().getName() + " has not been spawned yet");
        }
        return id;
    }

    /** The process's name (the spawn name, by default the type name or the class's simple name). */
    public final String name() {
        return name == null ? getClass().getSimpleName() : name;
    }

    /** The current life-cycle state. */
    public final ProcessState state() {
        return state;
    }

    /**
     * Why the process ended: empty until it is TERMINATED, then {@link ExitReason.Normal} or
     * {@link ExitReason.Crashed}.
     */
    public final Optional<ExitReason> exitReason() {
        return state == ProcessState.TERMINATED ? Optional.ofNullable(exitReason) : Optional.empty();
    }

    /** True if a handler that throws makes this process crash instead of answering and serving on. */
    public final boolean isFailFast() {
        return failFast;
    }

    /** The spawn arguments, unmodifiable. */
    public final Map<String, Object> spawnArgs() {
        return spawnArgs;
    }

    /** The parent process, if this one was spawned as a child. */
    public final Optional<ProcessId> parentId() {
        return Optional.ofNullable(parent).map(Process::id);
    }

    /** The ids of the live children, in spawn order. */
    public final List<ProcessId> childIds() {
        return children.stream().map(Process::id).toList();
    }

    /** The id of the container this process lives in. */
    public final String containerId() {
        return runtime().containerId();
    }

    /** The system name shared by the containers of this system. */
    public final String sysname() {
        return runtime().sysname();
    }

    /**
     * The container's topic exchange: the one process, service and receiver names are routing keys of, and that
     * {@link #send} publishes to.
     */
    protected final String exchange() {
        return runtime().exchange();
    }

    /** The operations this process handles. */
    public final java.util.Set<String> operations() {
        return opTable().ops();
    }

    /** The exchange name of {@code name} in the given scope. */
    public final String qualify(String name, Scope scope) {
        return scope.qualify(name, containerId(), sysname());
    }

    // ------------------------------------------------------------------ hooks

    /** Called on initialize, after the process's queues were declared. May make RPCs. */
    protected void onInit() {
    }

    /** Called on activate, before the first message is handled. */
    protected void onActivate() {
    }

    /** Called on deactivate, after consumption of extra receivers stopped. */
    protected void onDeactivate() {
    }

    /** Called on terminate, after the children were terminated and consumption stopped. */
    protected void onTerminate() {
    }

    /**
     * Called on this process's thread when one of its children ended, once per child, in the order the ends were
     * noticed; not called for the children this process terminates while it is itself terminating. The child is
     * already TERMINATED and no longer among {@link #childIds()}. The default does nothing. An exception thrown here
     * is logged and, if this process is fail-fast, crashes it.
     *
     * @param child the id the child had
     * @param reason why it ended
     */
    protected void onChildExit(ProcessId child, ExitReason reason) {
    }

    /**
     * Handles a message whose {@code op} has no {@link Op} handler. The default sends an ERROR reply with
     * {@link ResponseCodes#UNKNOWN_OPERATION} naming the known operations.
     */
    protected void onUnknownOp(Message message) {
        String op = message.op().orElse("");
        replyError(message, ResponseCodes.UNKNOWN_OPERATION, "process " + name() + " (" + getClass().getSimpleName()
                + ") has no operation '" + op + "'; it handles " + operations());
    }

    // ------------------------------------------------------------------ receivers

    /**
     * Adds a receiver that delivers messages sent to {@code name} (qualified by {@code scope}) to this process's
     * handlers. Call it from {@link #onInit()}; consumption starts on activate.
     *
     * @return the exchange name the receiver listens on
     */
    protected final String addReceiver(ReceiverKind kind, String name, Scope scope) {
        if (state != ProcessState.INIT && state != ProcessState.READY) {
            throw new IllegalStateException("receivers can be added only before activation; process " + this
                    + " is " + state);
        }
        String exchangeName = scope.qualify(name, containerId(), sysname());
        List<Binding> bindings = List.of(new Binding(runtime().exchange(), exchangeName));
        switch (kind) {
            case WORKER -> attach(QueueSpec.workerQueue(exchangeName, runtime().settings().workerQueueExpiry()),
                    bindings, new ConsumeOptions(ConsumeOptions.WORKER_PREFETCH, false), Role.WORKER);
            case FANOUT -> attach(QueueSpec.fanoutQueue(), bindings, new ConsumeOptions(runtime().settings()
                    .prefetch(), true), Role.FANOUT);
        }
        return exchangeName;
    }

    /**
     * Consumes a queue into this process: declares the queue (if it does not exist), binds it to each exchange
     * with each binding's key, and delivers its messages to this process's handlers like those of its own queue:
     * through the inbound interceptors, dispatched by {@code op}, one at a time. Each message is acknowledged
     * after its handler returned (at-least-once: if a fail-fast process crashes on it, or the process goes away
     * before handling it, it goes back to the queue). The consumer holds at most {@code options.prefetch()}
     * unacknowledged messages, which is the back-pressure towards the queue.
     *
     * <p>Allowed in INIT, READY and ACTIVE, from any thread, handlers included. In ACTIVE consumption starts at
     * once, otherwise on {@link #activate()}. {@link #deactivate()} stops consuming (the held messages go back to
     * the queue) and the next activation resumes it; an auto-delete queue goes when its consumer stops and is
     * declared and bound anew on activation, under a new name if it is broker-named.
     *
     * <p>The exchanges must exist: they are declared by whoever owns them, never here. As on RabbitMQ, binding to
     * a missing exchange fails; the queue stays if it existed before or is not auto-delete.
     *
     * @param queue the queue to consume; an empty name lets the broker choose one
     * @param bindings the exchanges and keys to bind it with; may be empty for a queue bound elsewhere
     * @param options prefetch and exclusivity of the consumer
     * @return the queue's name
     * @throws IllegalStateException if the process is not spawned, is past ACTIVE, or already consumes this queue
     * @throws ion.core.messaging.ExchangeNotFoundException if an exchange does not exist
     * @throws ion.core.messaging.QueueLockedException if the queue is exclusive to another connection, or its
     *         consumption is exclusive to another consumer
     * @throws MessagingException if the queue exists with other properties, or the broker refuses otherwise
     */
    protected final String attach(QueueSpec queue, List<Binding> bindings, ConsumeOptions options) {
        return attach(queue, bindings, options, Role.ATTACHED);
    }

    /**
     * Stops consuming a queue {@linkplain #attach attached} (or added as a {@linkplain #addReceiver receiver}):
     * no more of its messages reach the handlers; those delivered and not yet handled, including the one in hand if
     * called from its handler, go back to the queue. The queue's bindings stay. An auto-delete queue is deleted
     * with its consumer (or at once if it was never consumed); any other queue stays and keeps what is published
     * to it until it is attached again or deleted.
     *
     * @param queue the name {@link #attach} returned
     * @return false if this process does not consume that queue (its own queue included)
     */
    protected final boolean detach(String queue) {
        Objects.requireNonNull(queue, "queue");
        Receiver found = null;
        lock.lock();
        try {
            for (Receiver r : receivers) {
                if (!r.own && r.queue.equals(queue)) {
                    found = r;
                    break;
                }
            }
            if (found == null) {
                return false;
            }
            receivers.remove(found);
        } finally {
            lock.unlock();
        }
        boolean consumed = found.everConsumed;
        found.stopConsuming();
        if (found.spec.autoDelete() && !consumed) {
            deleteQuietly(found.queue);
        }
        return true;
    }

    /**
     * The queue the message being handled came from (the process's own queue, a receiver's, or an attached one).
     * Empty outside a handler, or when called from another thread than the handler's.
     */
    protected final Optional<String> deliveryQueue() {
        return Thread.currentThread() == drainThread ? Optional.ofNullable(currentQueue) : Optional.empty();
    }

    /**
     * Keeps the message being handled unacknowledged when its handler returns: the caller settles it later through
     * the returned {@link PendingAck}, from this process's thread or another. Until then it counts against its
     * queue's prefetch, and if this process stops consuming the queue (detach, deactivation, termination, a lost
     * connection) the broker gives it back to the queue, so it is handled again (at-least-once). For a handler that
     * acknowledges only once the message's effect is durable, e.g. after a batch holding it was stored.
     *
     * @throws IllegalStateException outside a handler, or from another thread than the handler's
     */
    protected final PendingAck holdAcknowledgement() {
        if (Thread.currentThread() != drainThread || currentDelivery == null) {
            throw new IllegalStateException("process " + id + ": holdAcknowledgement is only allowed in a handler,"
                    + " on its thread");
        }
        ackHeld = true;
        return new HeldDelivery(currentDelivery);
    }

    /** A delivery whose handler held its acknowledgement. */
    private record HeldDelivery(Delivery delivery) implements PendingAck {
        @Override
        public void ack() {
            delivery.ack();
        }

        @Override
        public void requeue() {
            delivery.reject(true);
        }
    }

    // ------------------------------------------------------------------ broker topology

    /**
     * Declares a durable topic exchange if it does not exist: for the owner of an exchange, such as the pubsub
     * service for its exchange points.
     *
     * @param exchange the exchange's full name
     * @throws MessagingException if it exists with other properties, or the broker refuses
     */
    protected final void declareExchange(String exchange) {
        Objects.requireNonNull(exchange, "exchange");
        runtime().transport().declareExchange(exchange, true, false);
    }

    /** Deletes an exchange and its bindings (queues stay); no effect if it does not exist. */
    protected final void deleteExchange(String exchange) {
        Objects.requireNonNull(exchange, "exchange");
        runtime().transport().deleteExchange(exchange);
    }

    /**
     * Declares a queue and binds it without consuming it, so that it collects messages for a consumer that
     * {@link #attach attaches} it later, here or in another process (with an equivalent spec).
     *
     * @return the queue's name
     * @throws ion.core.messaging.ExchangeNotFoundException if an exchange does not exist
     * @throws MessagingException if the queue exists with other properties, or the broker refuses
     */
    protected final String declareQueue(QueueSpec queue, List<Binding> bindings) {
        Objects.requireNonNull(queue, "queue");
        String name = runtime().transport().declareQueue(queue);
        for (Binding b : List.copyOf(bindings)) {
            runtime.transport().bind(name, b.exchange(), b.bindingKey());
        }
        return name;
    }

    /** Deletes a queue and the messages in it; its consumers stop. No effect if it does not exist. */
    protected final void deleteQueue(String queue) {
        Objects.requireNonNull(queue, "queue");
        runtime().transport().deleteQueue(queue);
    }

    /**
     * The number of messages waiting in a queue (not counting those delivered and not yet acknowledged).
     *
     * @throws ion.core.messaging.QueueNotFoundException if it does not exist
     */
    protected final long queueMessageCount(String queue) {
        Objects.requireNonNull(queue, "queue");
        return runtime().transport().messageCount(queue);
    }

    private String attach(QueueSpec spec, List<Binding> bindings, ConsumeOptions options, Role role) {
        Objects.requireNonNull(spec, "queue");
        Objects.requireNonNull(options, "options");
        List<Binding> keys = List.copyOf(bindings);
        requireSpawned();
        requireAttachable();
        if (!spec.name().isEmpty() && consumes(spec.name())) {
            throw new IllegalStateException("process " + this + " already consumes queue '" + spec.name() + "'");
        }
        Receiver r = new Receiver(spec, keys, options, role);
        r.declare();
        lock.lock();
        try {
            requireAttachable();
            if (consumes(r.queue)) {
                throw new IllegalStateException("process " + this + " already consumes queue '" + r.queue + "'");
            }
            receivers.add(r);
        } finally {
            lock.unlock();
        }
        if (state == ProcessState.ACTIVE) {
            try {
                r.startConsuming();
            } catch (RuntimeException e) {
                receivers.remove(r);
                throw e;
            }
            if (state != ProcessState.ACTIVE) {
                r.stopConsuming();
            }
        }
        return r.queue;
    }

    private void requireAttachable() {
        ProcessState s = state;
        if (s != ProcessState.INIT && s != ProcessState.READY && s != ProcessState.ACTIVE) {
            throw new IllegalStateException("process " + this + " can consume more queues only in INIT, READY or"
                    + " ACTIVE");
        }
    }

    private boolean consumes(String queue) {
        for (Receiver r : receivers) {
            if (r.queue.equals(queue)) {
                return true;
            }
        }
        return false;
    }

    private void deleteQuietly(String queue) {
        try {
            runtime.transport().deleteQueue(queue);
        } catch (RuntimeException e) {
            LOG.debug("deleting queue {} failed: {}", queue, e.toString());
        }
    }

    // ------------------------------------------------------------------ timers

    /**
     * Sends this process the one-way message {@code op} with {@code content} after {@code delay}, from the
     * container's timer thread, which every process shares: the message is handled on this process's own thread
     * like any other. Cancel the returned future when the message is no longer wanted (a cancelled send leaves the
     * timer at once); the container's timer stops with the container. A send that fails because this process has
     * ended is dropped; any other failure is logged.
     */
    protected final ScheduledFuture<?> sendSelfLater(Duration delay, String op, Object content) {
        return runtime().timer().schedule(() -> sendSelf(op, content), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Sends this process {@code op} with {@code content} every {@code period}, the first time after
     * {@code initialDelay}, until the returned future is cancelled or the container stops; otherwise as
     * {@link #sendSelfLater}.
     */
    protected final ScheduledFuture<?> sendSelfEvery(Duration initialDelay, Duration period, String op,
            Object content) {
        return runtime().timer().scheduleAtFixedRate(() -> sendSelf(op, content), initialDelay.toNanos(),
                period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void sendSelf(String op, Object content) {
        try {
            send(id.toString(), op, content);
        } catch (ProcessTerminatedException e) {
            LOG.debug("process {} has ended; its timed message {} is dropped", id, op);
        } catch (RuntimeException e) {
            LOG.warn("process {}: timed message {} could not be sent: {}", id, op, e.toString());
        }
    }

    // ------------------------------------------------------------------ children

    /**
     * Spawns {@code child} as a child of this process: the options' parent is replaced by this process.
     *
     * @throws ProcessTerminatedException if this process was terminated meanwhile; the child is then terminated
     * @see ProcessManager#spawn(Process, SpawnOptions)
     */
    protected final ProcessId spawnChild(Process child, SpawnOptions options) {
        return adopted(runtime().manager().spawn(child, options.withParent(id())));
    }

    /**
     * Spawns a registered process type as a child of this process.
     *
     * @throws ProcessTerminatedException if this process was terminated meanwhile; the child is then terminated
     * @see ProcessManager#spawn(String, SpawnOptions)
     */
    protected final ProcessId spawnChild(String typeName, SpawnOptions options) {
        return adopted(runtime().manager().spawn(typeName, options.withParent(id())));
    }

    /**
     * Terminates a child spawned while this process was being terminated: the termination may have missed it, as
     * it terminates the children it finds once it is TERMINATED.
     */
    private ProcessId adopted(ProcessId child) {
        if (state == ProcessState.TERMINATED) {
            runtime.manager().terminate(child);
            throw new ProcessTerminatedException("process " + id + " was terminated while it spawned child "
                    + child);
        }
        return child;
    }

    /**
     * Terminates a live child of this process; it ends with {@link ExitReason.Normal} unless it had crashed
     * already. Its end is reported to {@link #onChildExit} like any other.
     *
     * @return false if {@code child} is not a live child of this process
     */
    protected final boolean terminateChild(ProcessId child) {
        for (Process p : children) {
            if (p.id.equals(child)) {
                p.terminate();
                return true;
            }
        }
        return false;
    }

    /**
     * Ends this process with {@code reason}: it handles no further message and terminates, and its parent learns
     * the reason. Meant for handlers and {@link #onChildExit}: the process terminates once the current handler
     * returns. Called from another thread, the process terminates on a thread of its own. The first reason given
     * wins.
     */
    protected final void exit(ExitReason reason) {
        Objects.requireNonNull(reason, "reason");
        requireSpawned();
        requestExit(reason);
        if (Thread.currentThread() != drainThread) {
            runtime.execute(this, this::terminateQuietly);
        }
    }

    /** Crashes this process: {@link #exit} with {@link ExitReason.Crashed} and {@code cause}. */
    protected final void crash(Throwable cause) {
        exit(ExitReason.crashed(cause));
    }

    private void requestExit(ExitReason reason) {
        lock.lock();
        try {
            if (exitReason == null && state != ProcessState.TERMINATED) {
                exitReason = reason;
            }
        } finally {
            lock.unlock();
        }
        terminateRequested = true;
    }

    /** Queues the end of a child for {@link #onChildExit}, unless this process is ending itself. */
    private void childExited(ProcessId child, ExitReason reason) {
        lock.lock();
        try {
            if (state == ProcessState.TERMINATED || state == ProcessState.ERROR) {
                return;
            }
            mailbox.add(new Inbound.ChildExit(ownReceiver(), child, reason));
        } finally {
            lock.unlock();
        }
        schedule();
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * INIT to READY: declares the queues, starts receiving RPC replies, calls {@link #onInit()}.
     *
     * @throws IllegalStateException if the process was not spawned
     * @throws IllegalStateTransitionException if not in INIT
     * @throws ProcessStartException if the hook failed (the process is then in ERROR)
     */
    public final void initialize() {
        requireSpawned();
        transition("initialize", ProcessState.INIT, null);
        for (Receiver r : receivers) {
            if (!r.declared) {
                r.declare();
            }
        }
        ownReceiver().startConsuming();
        transition("initialize", ProcessState.INIT, ProcessState.READY);
        runHook("initialize", this::onInit);
    }

    /**
     * READY to ACTIVE: calls {@link #onActivate()}, starts consuming the extra receivers, then handles the held
     * messages.
     *
     * @throws IllegalStateTransitionException if not in READY
     * @throws ProcessStartException if the hook failed (the process is then in ERROR)
     */
    public final void activate() {
        transition("activate", ProcessState.READY, null);
        runHook("activate", this::onActivate);
        for (Receiver r : receivers) {
            r.startConsuming();
        }
        try {
            transition("activate", ProcessState.READY, ProcessState.ACTIVE);
        } catch (IllegalStateTransitionException e) {
            stopExtraReceivers();
            throw e;
        }
        // A queue attached from another thread while activating may have missed the first pass.
        for (Receiver r : receivers) {
            r.startConsuming();
        }
        schedule();
    }

    /**
     * ACTIVE to READY: stops handling messages, waits (up to the shutdown timeout) for a running handler to
     * finish, stops consuming the extra receivers (their held messages go back to their queues, for other
     * consumers) and calls {@link #onDeactivate()}. Messages to the process's own queue are held until the next
     * {@link #activate()}. Auto-deleted queues, such as those of fanout receivers, go with their consumer and are
     * declared anew on activation; what was sent to them in between is not kept.
     *
     * @throws IllegalStateTransitionException if not in ACTIVE
     */
    public final void deactivate() {
        transition("deactivate", ProcessState.ACTIVE, ProcessState.READY);
        awaitIdle(false);
        stopExtraReceivers();
        runHook("deactivate", this::onDeactivate);
    }

    /**
     * READY, ACTIVE or ERROR to TERMINATED: terminates the children (last spawned first), fails pending RPCs (a
     * handler blocked in {@link #rpc} gets {@link ProcessTerminatedException}), waits (up to the shutdown timeout)
     * for a running handler, stops consuming the extra receivers (their held messages go back to their queues),
     * answers held requests to its own queue with an ERROR reply ({@link ResponseCodes#INVALID_STATE}), stops
     * consuming its own queue (which the broker then deletes), calls {@link #onTerminate()}, deregisters and
     * tells its parent. It ends with {@link ExitReason.Normal} unless it had crashed. Calling it again once
     * TERMINATED does nothing.
     *
     * @throws IllegalStateTransitionException if still in INIT
     */
    public final void terminate() {
        lock.lock();
        try {
            if (state == ProcessState.TERMINATED) {
                return;
            }
            if (state == ProcessState.INIT) {
                throw new IllegalStateTransitionException(String.valueOf(id), "terminate", state);
            }
            if (exitReason == null) {
                exitReason = ExitReason.normal();
            }
            state = ProcessState.TERMINATED;
        } finally {
            lock.unlock();
        }
        List<Process> kids = new ArrayList<>(children);
        for (int i = kids.size() - 1; i >= 0; i--) {
            try {
                kids.get(i).terminate();
            } catch (RuntimeException e) {
                LOG.warn("terminating child {} of {} failed", kids.get(i).id, id, e);
            }
        }
        failPendingRpcs();
        awaitIdle(true);
        stopExtraReceivers();
        failHeldMessages();
        ownReceiver().stopConsuming();
        try {
            onTerminate();
        } catch (RuntimeException e) {
            LOG.warn("onTerminate of process {} threw", id, e);
        }
        if (parent != null) {
            parent.children.remove(this);
        }
        runtime.manager().deregister(this);
        runtime.manager().exited(this, exitReason);
        if (parent != null) {
            parent.childExited(id, exitReason);
        }
    }

    /**
     * Checks under the lock that the process is in {@code expected} and, if {@code next} is given, moves it there.
     */
    private void transition(String event, ProcessState expected, ProcessState next) {
        lock.lock();
        try {
            if (state != expected) {
                throw new IllegalStateTransitionException(String.valueOf(id), event, state);
            }
            if (next != null) {
                state = next;
            }
        } finally {
            lock.unlock();
        }
    }

    private void runHook(String event, Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException | Error e) {
            lock.lock();
            try {
                if (state != ProcessState.TERMINATED) {
                    state = ProcessState.ERROR;
                    if (exitReason == null) {
                        exitReason = ExitReason.crashed(e);
                    }
                }
            } finally {
                lock.unlock();
            }
            stopExtraReceivers();
            throw new ProcessStartException("process " + id + " (" + getClass().getName() + ") failed to " + event
                    + ": " + e, e);
        }
    }

    private Receiver ownReceiver() {
        return receivers.get(0);
    }

    private void stopExtraReceivers() {
        for (Receiver r : receivers) {
            if (!r.own) {
                r.stopConsuming();
            }
        }
    }

    private void failPendingRpcs() {
        Map<String, PendingRpc> outstanding = pending;
        for (PendingRpc p : outstanding == null ? List.<PendingRpc>of() : List.copyOf(outstanding.values())) {
            failPending(p);
        }
    }

    private void failPending(PendingRpc p) {
        Map<String, PendingRpc> outstanding = pending;
        if (outstanding != null && outstanding.remove(p.convId, p)) {
            p.cancelTimer();
            p.future.completeExceptionally(new ProcessTerminatedException("process " + id
                    + " was terminated while waiting for a reply from '" + p.target + "' to op '" + p.op + "'"));
            wake();
        }
    }

    /**
     * Waits up to the shutdown timeout until no handler runs; then, if asked to, interrupts the one still
     * running. Returns at once when called from a handler.
     */
    private void awaitIdle(boolean interruptIfStuck) {
        if (Thread.currentThread() == drainThread) {
            return;
        }
        long nanos = runtime.settings().shutdownTimeout().toNanos();
        lock.lock();
        try {
            while (drainThread != null && nanos > 0) {
                nanos = idle.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        Thread stuck = drainThread;
        if (stuck != null) {
            LOG.warn("process {} still running a handler after {}; {} anyway", id,
                    runtime.settings().shutdownTimeout(), interruptIfStuck ? "terminating" : "deactivating");
            if (interruptIfStuck) {
                stuck.interrupt();
            }
        }
    }

    private void failHeldMessages() {
        List<Inbound> held = new ArrayList<>();
        lock.lock();
        try {
            if (nestedInbox != null) {
                for (Object o : nestedInbox) {
                    if (o instanceof Inbound in) {
                        held.add(in);
                    }
                }
                nestedInbox.clear();
            }
            Inbound in;
            while ((in = mailbox.poll()) != null) {
                held.add(in);
            }
        } finally {
            lock.unlock();
        }
        for (Inbound in : held) {
            if (in.receiver().own && in instanceof Inbound.Received r) {
                Message m = r.message();
                if (isRequest(m)) {
                    replyError(m, ResponseCodes.INVALID_STATE, "process " + id
                            + " was terminated before it handled this message");
                }
            }
            in.settle(!in.receiver().own);
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a one-way message.
     *
     * @param target the receiver name (a process id, or a scoped name such as {@code <sysname>.<service>})
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     * @throws ion.core.messaging.MessageTooLargeException if the message is too large
     */
    public final void send(String target, String op, Object content) {
        send(target, op, content, Map.of());
    }

    /**
     * Sends a one-way message with extra headers; they override the defaults except {@code op}.
     *
     * @see #send(String, String, Object)
     */
    public final void send(String target, String op, Object content, Map<String, ?> headers) {
        checkCanSend();
        Message m = compose(target, op, content, headers, newConvId(), false);
        runtime.publish(outboundContext, target, m);
    }

    /**
     * Publishes a one-way message to a topic exchange other than the container's, such as an exchange point, with
     * a routing key of its own (a topic, not a receiver name). The message carries the same headers as one sent
     * with {@link #send} ({@code receiver} is the routing key) and passes the outbound interceptors.
     *
     * @param exchange the exchange's full name; it must exist
     * @param routingKey the routing key, e.g. a topic
     * @param headers extra headers; they override the defaults except {@code op}
     * @throws ion.core.messaging.ExchangeNotFoundException if the exchange does not exist
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     * @throws ion.core.messaging.MessageTooLargeException if the message is too large
     * @throws ion.core.intercept.MessageDroppedException if an outbound interceptor dropped it
     */
    public final void publish(String exchange, String routingKey, String op, Object content,
            Map<String, ?> headers) {
        Objects.requireNonNull(exchange, "exchange");
        checkCanSend();
        Message m = compose(routingKey, op, content, headers, newConvId(), false);
        runtime.publish(outboundContext, exchange, routingKey, m);
    }

    /**
     * Sends a request and waits for its reply, at most the default RPC timeout.
     *
     * @return the OK reply
     * @throws ReceivedError if the reply has status ERROR
     * @throws RpcTimeoutException if no reply came in time
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     */
    public final Message rpc(String target, String op, Object content) {
        return rpc(target, op, content, runtime().settings().rpcTimeout());
    }

    /**
     * Sends a request and waits for its reply at most {@code timeout}.
     *
     * @see #rpc(String, String, Object)
     */
    public final Message rpc(String target, String op, Object content, Duration timeout) {
        return rpc(target, op, content, Map.of(), timeout);
    }

    /**
     * Sends a request with extra headers and waits for its reply at most {@code timeout}.
     *
     * @see #rpc(String, String, Object)
     */
    public final Message rpc(String target, String op, Object content, Map<String, ?> headers, Duration timeout) {
        if (Thread.currentThread() != drainThread) {
            return join(rpcAsync(target, op, content, headers, timeout), timeout);
        }
        enterWait();
        try {
            CompletableFuture<Message> future = rpcAsync(target, op, content, headers, timeout);
            serveCallbacksUntil(future);
            return join(future, timeout);
        } finally {
            exitWait();
        }
    }

    /**
     * Sends a request; the future completes with the OK reply, or exceptionally with {@link ReceivedError},
     * {@link RpcTimeoutException}, or the send failure. Never blocks.
     */
    public final CompletableFuture<Message> rpcAsync(String target, String op, Object content, Duration timeout) {
        return rpcAsync(target, op, content, Map.of(), timeout);
    }

    /** As {@link #rpcAsync(String, String, Object, Duration)}, with extra headers. */
    public final CompletableFuture<Message> rpcAsync(String target, String op, Object content,
            Map<String, ?> headers, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("RPC timeout must be positive, was " + timeout);
        }
        checkCanSend();
        String convId = newConvId();
        Message request = compose(target, op, content, headers, convId, true);
        PendingRpc p = new PendingRpc(convId, target, op, new CompletableFuture<>());
        Map<String, PendingRpc> outstanding = pendingRpcs();
        outstanding.put(convId, p);
        if (state == ProcessState.TERMINATED) {
            failPending(p);
            return p.future;
        }
        p.timer = runtime.timer().schedule(() -> {
            if (outstanding.remove(convId, p)) {
                p.future.completeExceptionally(new RpcTimeoutException(target, op, convId, timeout));
                wake();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            runtime.publish(outboundContext, target, request);
        } catch (RuntimeException e) {
            outstanding.remove(convId, p);
            p.cancelTimer();
            p.future.completeExceptionally(e);
        }
        return p.future;
    }

    /** Replies OK to a request with this content ({@code null} for none). */
    public final void reply(Message request, Object content) {
        sendReply(request, content, Status.OK, ResponseCodes.SUCCESS, "");
    }

    /**
     * Replies to a request with status OK and an application response code, the R1 way of reporting a handled
     * error (the caller reads {@code response} and {@code exception}).
     */
    public final void reply(Message request, Object content, String responseCode, String exceptionText) {
        sendReply(request, content, Status.OK, responseCode, exceptionText);
    }

    /** Replies with status ERROR; the caller's {@link #rpc} throws {@link ReceivedError}. */
    public final void replyError(Message request, String responseCode, String exceptionText) {
        sendReply(request, null, Status.ERROR, responseCode, exceptionText);
    }

    private void sendReply(Message request, Object content, String status, String response, String exception) {
        Optional<String> to;
        try {
            to = request.replyTo();
        } catch (WrongContentTypeException e) {
            LOG.warn("process {} cannot reply: {}", id, e.getMessage());
            return;
        }
        if (to.isEmpty()) {
            LOG.warn("process {} cannot reply to a message without reply-to: {}", id, request);
            return;
        }
        if (request == currentRequest) {
            replied = true;
        }
        long seq;
        try {
            seq = request.convSeq() + 1;
        } catch (WrongContentTypeException e) {
            seq = 2;
        }
        String convId;
        try {
            convId = request.convId();
        } catch (WrongContentTypeException e) {
            convId = "";
        }
        Message.Builder b = envelope(to.get(), convId, seq, "", Status.OK.equals(status) ? "inform_result"
                : "failure", status)
                .header(HeaderNames.RESPONSE, response)
                .header(HeaderNames.EXCEPTION, exception);
        trailer(b, RESULT_OP).content(content);
        try {
            runtime.publish(outboundContext, to.get(), b.build());
        } catch (MessagingException e) {
            LOG.warn("process {} could not send its reply to {}: {}", id, to.get(), e.getMessage());
        }
    }

    private Message compose(String target, String op, Object content, Map<String, ?> extra, String convId,
            boolean rpc) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(op, "op");
        String root = currentRoot != null && Thread.currentThread() == drainThread ? currentRoot : convId;
        Message.Builder b = trailer(envelope(target, convId, 1L, rpc ? "rpc" : "", rpc ? "request" : "inform",
                Status.OK), op)
                .header(HeaderNames.CONV_ROOT, root);
        extra.forEach((k, v) -> {
            if (!HeaderNames.OP.equals(k) && !(rpc && HeaderNames.CONV_ID.equals(k))) {
                b.header(k, v);
            }
        });
        return b.content(content).build();
    }

    /** The R1 headers up to {@code status}, in wire order, as this process writes them. */
    private Message.Builder envelope(String receiver, String convId, long seq, String protocol,
            String performative, String status) {
        return Message.builder()
                .header(HeaderNames.SENDER, idText)
                .header(HeaderNames.RECEIVER, receiver)
                .header(HeaderNames.REPLY_TO, idText)
                .header(HeaderNames.ENCODING, "json")
                .header(HeaderNames.ACCEPT_ENCODING, "")
                .header(HeaderNames.LANGUAGE, "ion1")
                .header(HeaderNames.FORMAT, "raw")
                .header(HeaderNames.ONTOLOGY, "")
                .header(HeaderNames.CONV_ID, convId)
                .header(HeaderNames.CONV_SEQ, seq)
                .header(HeaderNames.PROTOCOL, protocol)
                .header(HeaderNames.PERFORMATIVE, performative)
                .header(HeaderNames.STATUS, status);
    }

    /** The R1 headers after {@code status} and {@code response}/{@code exception}, ending with {@code op}. */
    private Message.Builder trailer(Message.Builder b, String op) {
        return b.header(HeaderNames.TS, Long.toString(System.currentTimeMillis()))
                .header(HeaderNames.SENDER_NAME, name())
                .header(HeaderNames.USER_ID, "ANONYMOUS")
                .header(HeaderNames.EXPIRY, "0")
                .header(HeaderNames.OP, op);
    }

    private String newConvId() {
        return idText + "#" + convCounter.incrementAndGet();
    }

    private void checkCanSend() {
        if (id == null) {
            throw new IllegalStateException("process " + getClass().getName() + " must be spawned before it sends");
        }
        if (state == ProcessState.TERMINATED) {
            throw new ProcessTerminatedException("process " + id + " is terminated and cannot send");
        }
    }

    private Message join(CompletableFuture<Message> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new MessagingException("RPC failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for an RPC reply", e);
        } catch (TimeoutException e) {
            throw new MessagingException("RPC reply wait exceeded its timeout without the timer firing", e);
        }
    }

    /**
     * Marks the process thread as waiting in the current causal chain, so that call-backs of that chain go to the
     * nested inbox. Done before the request is sent: a call-back may arrive before its reply.
     */
    private void enterWait() {
        lock.lock();
        try {
            if (nestedInbox == null) {
                nestedInbox = new LinkedBlockingQueue<>();
            }
            if (waitDepth++ == 0) {
                waitingRoot = currentRoot;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends a wait; when the outermost one ends, call-backs not served yet join the mailbox. */
    private void exitWait() {
        lock.lock();
        try {
            if (--waitDepth == 0) {
                waitingRoot = null;
                List<Object> left = new ArrayList<>();
                nestedInbox.drainTo(left);
                for (Object o : left) {
                    if (o instanceof Inbound in) {
                        mailbox.add(in);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Handles call-backs of the current causal chain on the process thread until {@code future} is done. */
    private void serveCallbacksUntil(CompletableFuture<Message> future) {
        try {
            while (!future.isDone()) {
                Object next = nestedInbox.poll(1, TimeUnit.SECONDS);
                if (next instanceof Inbound in) {
                    handleNested(in);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleNested(Inbound in) {
        Message savedRequest = currentRequest;
        String savedRoot = currentRoot;
        String savedQueue = currentQueue;
        boolean savedReplied = replied;
        try {
            handle(in);
        } finally {
            currentRequest = savedRequest;
            currentRoot = savedRoot;
            currentQueue = savedQueue;
            replied = savedReplied;
        }
    }

    private void wake() {
        LinkedBlockingQueue<Object> inbox = nestedInbox;
        if (waitDepth > 0 && inbox != null) {
            inbox.offer(WAKE);
        }
    }

    private Map<String, PendingRpc> pendingRpcs() {
        Map<String, PendingRpc> outstanding = pending;
        if (outstanding == null) {
            lock.lock();
            try {
                if (pending == null) {
                    pending = new ConcurrentHashMap<>();
                }
                outstanding = pending;
            } finally {
                lock.unlock();
            }
        }
        return outstanding;
    }

    // ------------------------------------------------------------------ receiving

    /** What became of something that arrived on a subscription. */
    private enum Admission {
        /**
         * In the mailbox, or in the nested inbox of a handler waiting in the same causal chain. An extra receiver's
         * delivery to a TERMINATED process waits there until the receiver stops and gives it back to its queue.
         */
        QUEUED,
        /** Sent to the own queue of a process that is TERMINATED or in ERROR and handles nothing more. */
        REFUSED,
        /** The subscription was stopped; cancelling its consumer gave the delivery back to the broker. */
        STALE
    }

    private Admission admit(Subscription from, Inbound in) {
        lock.lock();
        try {
            if (!from.active) {
                return Admission.STALE;
            }
            boolean ended = state == ProcessState.TERMINATED || state == ProcessState.ERROR;
            if (ended && from.receiver.own) {
                return Admission.REFUSED;
            }
            if (!ended && waitDepth > 0 && in instanceof Inbound.Received r) {
                Object root = r.message().headers().get(HeaderNames.CONV_ROOT);
                if (root != null && root.equals(waitingRoot)) {
                    nestedInbox.offer(in);
                    return Admission.QUEUED;
                }
            }
            mailbox.add(in);
            return Admission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    private boolean completesRpc(Map<String, PendingRpc> outstanding, Message m, Delivery delivery) {
        Object convId = m.headers().get(HeaderNames.CONV_ID);
        if (!(convId instanceof String key) || !isReply(m)) {
            return false;
        }
        PendingRpc p = outstanding.get(key);
        if (p == null || !outstanding.remove(key, p)) {
            return false;
        }
        delivery.ack();
        p.cancelTimer();
        try {
            if (m.isError()) {
                p.future.completeExceptionally(new ReceivedError(m));
            } else {
                p.future.complete(m);
            }
        } catch (WrongContentTypeException e) {
            p.future.completeExceptionally(e);
        }
        wake();
        return true;
    }

    private static boolean isReply(Message m) {
        Object op = m.headers().get(HeaderNames.OP);
        return RESULT_OP.equals(op);
    }

    private static boolean isRequest(Message m) {
        return !isReply(m) && m.headers().get(HeaderNames.REPLY_TO) != null;
    }

    private void schedule() {
        if (state == ProcessState.ACTIVE && !mailbox.isEmpty() && scheduled.compareAndSet(false, true)) {
            runtime.execute(this, this::drain);
        }
    }

    private void drain() {
        drainThread = Thread.currentThread();
        try {
            int budget = 256;
            while (state == ProcessState.ACTIVE && !terminateRequested && budget-- > 0) {
                Inbound in = mailbox.poll();
                if (in == null) {
                    break;
                }
                handle(in);
            }
        } finally {
            lock.lock();
            try {
                drainThread = null;
                idle.signalAll();
            } finally {
                lock.unlock();
            }
            scheduled.set(false);
            if (terminateRequested && state != ProcessState.TERMINATED) {
                runtime.execute(this, this::terminateQuietly);
            } else {
                schedule();
            }
        }
    }

    private void terminateQuietly() {
        try {
            terminate();
        } catch (RuntimeException e) {
            LOG.warn("fail-fast termination of process {} failed", id, e);
        }
    }

    private void handle(Inbound in) {
        switch (in) {
            case Inbound.Received r -> {
                Delivery outerDelivery = currentDelivery;
                boolean outerHeld = ackHeld;
                currentDelivery = r.delivery();
                ackHeld = false;
                boolean redeliver = false;
                try {
                    redeliver = dispatch(r.message(), r.receiver(), r.delivery().queue());
                } finally {
                    boolean held = ackHeld;
                    currentDelivery = outerDelivery;
                    ackHeld = outerHeld;
                    if (redeliver) {
                        r.delivery().reject(true);
                    } else if (!held) {
                        r.delivery().ack();
                    }
                }
            }
            case Inbound.Malformed bad -> answerMalformed(bad.problem(), bad.receiver());
            case Inbound.ChildExit exit -> {
                try {
                    onChildExit(exit.child(), exit.reason());
                } catch (RuntimeException e) {
                    LOG.warn("onChildExit of process {} threw on the end of {}", id, exit.child(), e);
                    if (failFast) {
                        requestExit(ExitReason.crashed(e));
                    }
                }
            }
        }
    }

    /**
     * Handles one message. A crash stops the extra receivers at once, so that what they hold goes back to their
     * queues for other consumers instead of to this process again (a nested call-back could otherwise come back
     * while the crashed handler still waits).
     *
     * @return true if the process crashed on a worker message it had not answered, which must go back to its queue
     */
    private boolean dispatch(Message m, Receiver from, String queue) {
        String op;
        String root;
        try {
            Optional<String> maybeOp = m.op();
            if (maybeOp.isEmpty()) {
                rejectRequest(m, "message has no 'op' header");
                return false;
            }
            op = maybeOp.get();
            m.convSeq();
            String convId = m.convId();
            root = m.headers().get(HeaderNames.CONV_ROOT) instanceof String r ? r : convId;
        } catch (WrongContentTypeException e) {
            rejectRequest(m, e.getMessage());
            return false;
        }
        OpTable.Handler handler = opTable().get(op);
        if (handler == null && RESULT_OP.equals(op)) {
            LOG.debug("process {} dropped a reply nobody waits for (late or unknown conv-id {})", id, m.convId());
            return false;
        }
        currentRequest = m;
        currentRoot = root;
        currentQueue = queue;
        replied = false;
        try {
            if (handler == null) {
                onUnknownOp(m);
                return false;
            }
            Object result = handler.invoke(this, m);
            if (!replied && isRequest(m) && (result != OpTable.NO_RESULT || "rpc".equals(
                    m.headers().get(HeaderNames.PROTOCOL)))) {
                reply(m, result == OpTable.NO_RESULT ? null : unwrapOptional(result));
            }
            return false;
        } catch (WrongContentTypeException e) {
            if (!replied) {
                replyError(m, ResponseCodes.BAD_REQUEST, e.getMessage());
            }
            return false;
        } catch (Throwable t) {
            if (t instanceof Error err && !(t instanceof StackOverflowError) && !(t instanceof AssertionError)) {
                throw err;
            }
            LOG.warn("handler of op '{}' in process {} threw", op, id, t);
            boolean redeliver = failFast && from.role.requeuesOnCrash() && !replied;
            if (!redeliver && !replied && isRequest(m)) {
                replyError(m, ResponseCodes.RECEIVER_ERROR, describe(t));
            }
            if (failFast) {
                LOG.warn("process {} crashes because it is fail-fast{}", id, redeliver
                        ? "; the message goes back to " + from.queue : "");
                requestExit(ExitReason.crashed(t));
                stopExtraReceivers();
            }
            return redeliver;
        } finally {
            currentRequest = null;
            currentRoot = null;
            currentQueue = null;
        }
    }

    private static Object unwrapOptional(Object result) {
        return result instanceof Optional<?> o ? o.orElse(null) : result;
    }

    private static String describe(Throwable t) {
        if (t instanceof ReceivedError re) {
            return "ReceivedError: " + re.getMessage();
        }
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    private void rejectRequest(Message m, String problem) {
        LOG.warn("process {} received a bad message: {}", id, problem);
        if (!isReplySafe(m)) {
            return;
        }
        replyError(m, ResponseCodes.BAD_REQUEST, problem);
    }

    private static boolean isReplySafe(Message m) {
        try {
            return m.replyTo().isPresent() && !isReply(m);
        } catch (WrongContentTypeException e) {
            return false;
        }
    }

    private void answerMalformed(MalformedMessageException problem, Receiver receiver) {
        Map<String, Object> legible = problem.legibleHeaders();
        LOG.warn("process {} received a malformed message on {}: {}", id, receiver.queue, problem.getMessage());
        Object replyTo = legible.get(HeaderNames.REPLY_TO);
        if (replyTo instanceof String && !RESULT_OP.equals(legible.get(HeaderNames.OP))) {
            Message.Builder b = Message.builder();
            legible.forEach(b::header);
            Message partial = b.build();
            replyError(partial, problem.responseCode(), problem.getMessage());
        }
    }

    private void dropped(Message message, Verdict.Drop drop) {
        LOG.debug("process {}: inbound message dropped by interceptor '{}': {}", id, drop.interceptor(),
                drop.reason());
        if (drop.responseCode().isPresent() && isReplySafe(message)) {
            replyError(message, drop.responseCode().get(), drop.reason());
        }
    }

    private OpTable opTable() {
        OpTable t = ops;
        if (t == null) {
            t = OpTable.of(getClass());
            ops = t;
        }
        return t;
    }

    private ProcessRuntime runtime() {
        requireSpawned();
        return runtime;
    }

    private void requireSpawned() {
        if (runtime == null) {
            throw new IllegalStateException("process " + getClass().getName() + " has not been spawned yet");
        }
    }

    // ------------------------------------------------------------------ wiring by the process manager

    /**
     * Fails as {@link #bind} would for a reason other than the id: the instance was spawned before, or a handler
     * is invalid.
     */
    final void checkSpawnable() {
        if (this.runtime != null) {
            throw new IllegalStateException("process " + this.id + " was already spawned; spawn a new instance");
        }
        OpTable.of(getClass());
    }

    final void bind(ProcessRuntime runtime, ProcessId id, String name, Map<String, Object> args, Process parent,
            boolean failFast) {
        checkSpawnable();
        this.runtime = runtime;
        this.failFast = failFast;
        this.outboundContext = new InterceptContext(runtime.containerId(), id.toString(), Direction.OUTBOUND);
        this.inboundContext = new InterceptContext(runtime.containerId(), id.toString(), Direction.INBOUND);
        this.id = id;
        this.idText = id.toString();
        this.name = name;
        this.spawnArgs = Map.copyOf(args);
        this.parent = parent;
        this.ops = OpTable.of(getClass());
        receivers.add(0, new Receiver(QueueSpec.processQueue(id.toString()), List.of(new Binding(runtime.exchange(),
                id.toString())), new ConsumeOptions(runtime.settings().prefetch(), true), Role.OWN));
        if (parent != null) {
            parent.children.add(this);
        }
    }

    final Process parentProcess() {
        return parent;
    }

    @Override
    public String toString() {
        return name() + "<" + (id == null ? "unspawned" : id) + "," + state + ">";
    }

    // ------------------------------------------------------------------ inner types

    private static final class PendingRpc {
        final String convId;
        final String target;
        final String op;
        final CompletableFuture<Message> future;
        volatile ScheduledFuture<?> timer;

        PendingRpc(String convId, String target, String op, CompletableFuture<Message> future) {
            this.convId = convId;
            this.target = target;
            this.op = op;
            this.future = future;
        }

        void cancelTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /** Something that arrived on a receiver and waits to be handled. */
    private sealed interface Inbound {
        Receiver receiver();

        void settle(boolean requeue);

        record Received(Receiver receiver, Delivery delivery, Message message) implements Inbound {
            @Override
            public void settle(boolean requeue) {
                delivery.reject(requeue);
            }
        }

        record Malformed(Receiver receiver, MalformedMessageException problem) implements Inbound {
            @Override
            public void settle(boolean requeue) {
                // The transport settled malformed bytes when it found them.
            }
        }

        /** The end of a child, queued behind the own queue's messages. */
        record ChildExit(Receiver receiver, ProcessId child, ExitReason reason) implements Inbound {
            @Override
            public void settle(boolean requeue) {
                // Nothing came from a broker.
            }
        }
    }

    /** What a queue is to the process consuming it. */
    private enum Role {
        /** The process's own queue. */
        OWN(false),
        /** A {@link ReceiverKind#WORKER} receiver. */
        WORKER(true),
        /** A {@link ReceiverKind#FANOUT} receiver. */
        FANOUT(false),
        /** A queue given to {@link #attach}. */
        ATTACHED(true);

        private final boolean requeuesOnCrash;

        Role(boolean requeuesOnCrash) {
            this.requeuesOnCrash = requeuesOnCrash;
        }

        /** True if a message a fail-fast process crashed on goes back to this queue rather than being answered. */
        boolean requeuesOnCrash() {
            return requeuesOnCrash;
        }
    }

    /** One queue this process consumes. */
    private final class Receiver {
        final List<Binding> bindings;
        final QueueSpec spec;
        final ConsumeOptions options;
        final boolean own;
        final Role role;
        volatile String queue;
        volatile boolean declared;
        volatile boolean everConsumed;
        private Subscription subscription;
        private ConsumerHandle consumer;

        Receiver(QueueSpec spec, List<Binding> bindings, ConsumeOptions options, Role role) {
            this.bindings = bindings;
            this.spec = spec;
            this.options = options;
            this.own = role == Role.OWN;
            this.role = role;
            this.queue = spec.name();
        }

        /**
         * Declares the queue and its bindings. A failed binding deletes an auto-delete queue that this declare may
         * have created and no consumer would ever remove.
         */
        void declare() {
            String name = runtime.transport().declareQueue(spec);
            try {
                for (Binding b : bindings) {
                    runtime.transport().bind(name, b.exchange(), b.bindingKey());
                }
            } catch (RuntimeException e) {
                if (spec.autoDelete() && !everConsumed) {
                    deleteQuietly(name);
                }
                throw e;
            }
            queue = name;
            declared = true;
        }

        /** Starts a consumer unless one runs; declares the queue again if it was auto-deleted. */
        void startConsuming() {
            Subscription s;
            lock.lock();
            try {
                if (subscription != null) {
                    return;
                }
                s = new Subscription(this);
                subscription = s;
            } finally {
                lock.unlock();
            }
            ConsumerHandle handle;
            try {
                if (!declared) {
                    declare();
                }
                handle = runtime.transport().consume(queue, options, s);
                everConsumed = true;
            } catch (RuntimeException e) {
                lock.lock();
                try {
                    if (subscription == s) {
                        s.active = false;
                        subscription = null;
                    }
                } finally {
                    lock.unlock();
                }
                throw e;
            }
            boolean stoppedMeanwhile;
            lock.lock();
            try {
                stoppedMeanwhile = subscription != s;
                if (!stoppedMeanwhile) {
                    consumer = handle;
                }
            } finally {
                lock.unlock();
            }
            if (stoppedMeanwhile) {
                cancel(handle);
            }
        }

        /**
         * Stops the consumer and drops what it delivered and this process has not handled yet: cancelling the
         * consumer gives those deliveries back to the queue.
         */
        void stopConsuming() {
            ConsumerHandle c;
            lock.lock();
            try {
                if (subscription == null) {
                    return;
                }
                subscription.active = false;
                subscription = null;
                c = consumer;
                consumer = null;
                mailbox.removeIf(in -> in.receiver() == this);
                if (nestedInbox != null) {
                    nestedInbox.removeIf(o -> o instanceof Inbound in && in.receiver() == this);
                }
                if (spec.autoDelete()) {
                    declared = false;
                }
            } finally {
                lock.unlock();
            }
            if (c != null) {
                cancel(c);
            }
        }

        private void cancel(ConsumerHandle c) {
            try {
                c.cancel();
            } catch (RuntimeException e) {
                LOG.debug("cancelling consumer of {} failed: {}", queue, e.toString());
            }
        }
    }

    /** The deliveries of one consumer of a receiver's queue; inactive once that consumer is stopped. */
    private final class Subscription implements DeliveryHandler {
        final Receiver receiver;
        boolean active = true;

        Subscription(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void onDelivery(Delivery delivery) {
            Verdict verdict = runtime.interceptors().inbound(delivery.message(), inboundContext);
            if (verdict instanceof Verdict.Drop drop) {
                delivery.ack();
                dropped(delivery.message(), drop);
                return;
            }
            Message m = ((Verdict.Proceed) verdict).message();
            Map<String, PendingRpc> outstanding = pending;
            if (outstanding != null && !outstanding.isEmpty() && completesRpc(outstanding, m, delivery)) {
                return;
            }
            Admission admission = admit(this, new Inbound.Received(receiver, delivery, m));
            if (admission == Admission.QUEUED) {
                schedule();
            } else if (admission == Admission.REFUSED) {
                if (receiver.own && isRequest(m)) {
                    replyError(m, ResponseCodes.INVALID_STATE, "process " + id + " is " + state);
                }
                delivery.reject(!receiver.own);
            }
        }

        @Override
        public void onMalformed(String queue, MalformedMessageException problem) {
            if (admit(this, new Inbound.Malformed(receiver, problem)) == Admission.QUEUED) {
                schedule();
            }
        }
    }
}
