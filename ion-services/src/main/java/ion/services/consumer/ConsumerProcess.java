package ion.services.consumer;

import ion.core.messaging.Binding;
import ion.core.messaging.ExchangeNotFoundException;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.QueueSpec;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ReceivedError;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.Subscription;
import ion.services.support.RequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of data messages, as R1's base consumer: it attaches to one or more queues, hands every message of
 * operation {@value #DATA_OP} to {@link #onData}, and delivers what that queues for its delivery queues, either at
 * once or, in digest mode, once per delivery interval after {@link #onSchedule}.
 *
 * <p><b>Queues.</b> A queue is named as a receiver is: a name without a dot is qualified with the sysname
 * ({@code q1} is {@code <sysname>.q1}), a name with a dot is used as given. Attaching to a name gives this consumer
 * a queue of its own bound to the container's exchange with the qualified name as key, so every consumer attached
 * to a name gets its own copy of what is sent to it (R1's fanout receivers), and a consumer delivers to a
 * queue by sending to the qualified name, which reaches every consumer attached to it. A source may also be a
 * topic of another exchange, written {@code {exchange, topic}} (the topic a binding key, wildcards allowed, such
 * as a pubsub exchange point's topic); it is counted under the name {@code <topic>@<exchange>}. A source
 * {@code {subscription}} is an existing subscription of the {@code pubsub} service, named by its id or its queue
 * (as {@code subscribe} answered them): the consumer asks the service for it and consumes its queue as the service
 * declared it, so a durable subscription's queue, and what waits in it, stays when the consumer goes; it is
 * counted under the id or queue name given. What is sent to a name no
 * consumer is attached to is lost, as in R1; a chain therefore starts its last stage first (see
 * {@link ConsumerChain}).
 *
 * <p><b>Spawn arguments</b> (all optional): {@value #ATTACH_ARG} (a source or a list of them),
 * {@value #PROCESS_PARAMETERS_ARG} (a map, read by the subclass), {@value #DELIVERY_QUEUES_ARG} (a map from a
 * keyword to a queue name) and {@value #DELIVERY_INTERVAL_ARG} (seconds, a number above 0: digest mode). Queue
 * names are bound on the container's exchange.
 * Bad arguments make the spawn fail naming the argument.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code attach}</td><td>{@code {queues}}: a source or a list</td><td>the names now attached</td></tr>
 *   <tr><td>{@code detach}</td><td>{@code {queues}}</td><td>the names now attached</td></tr>
 *   <tr><td>{@code set_process_parameters}</td><td>a map, merged into the parameters</td><td>the parameters</td></tr>
 *   <tr><td>{@code get_process_parameters}</td><td>none</td><td>the parameters</td></tr>
 *   <tr><td>{@code set_delivery_queues}</td><td>a map keyword to queue name, merged</td><td>the delivery
 *       queues</td></tr>
 *   <tr><td>{@code get_delivery_queues}</td><td>none</td><td>the delivery queues</td></tr>
 *   <tr><td>{@code get_msg_count}</td><td>none</td><td>{@code {received: {queue: n}, sent: {queue: n}}}</td></tr>
 *   <tr><td>{@value #DATA_OP}</td><td>a {@link DataMessage} content, or any data</td><td>none (OK to an
 *       RPC)</td></tr>
 * </table>
 *
 * <p>A message is counted as received under the name of the queue it came from (the process id for one sent to
 * the process itself), and as sent under the delivery queue's name. Bad input (no queues to attach, a map field
 * of the wrong type) gets {@link ResponseCodes#BAD_REQUEST} naming the field; the consumer keeps running. Unlike
 * R1, {@code set_delivery_queues} sets the delivery queues, not the process parameters.
 *
 * <p><b>Digest mode.</b> With a delivery interval, results queued by {@link #onData} are held; once per interval
 * {@link #onSchedule} runs with the number of messages received in the interval, then everything queued is
 * delivered. A shared timer thread only sends a tick to the consumer's own queue, so all state is touched by the
 * consumer's own thread.
 */
public abstract class ConsumerProcess extends Process {
    /** The operation that carries data to a consumer, and that a consumer delivers with. */
    public static final String DATA_OP = "data";
    /** Spawn argument: the queue name, or list of names, to attach to. */
    public static final String ATTACH_ARG = "attach";
    /** Spawn argument: the process parameters, a map. */
    public static final String PROCESS_PARAMETERS_ARG = "process_parameters";
    /** Spawn argument: the delivery queues, a map from keyword to queue name. */
    public static final String DELIVERY_QUEUES_ARG = "delivery_queues";
    /** Spawn argument: the delivery interval in seconds; sets digest mode. */
    public static final String DELIVERY_INTERVAL_ARG = "delivery_interval";
    /** How many unacknowledged messages an attached queue hands this consumer at once. */
    public static final int PREFETCH = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerProcess.class);
    private static final String TICK_OP = "consumer_tick";

    private final Map<String, String> attached = new LinkedHashMap<>();
    private final Map<String, String> namesByQueue = new HashMap<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> deliveryQueues = new LinkedHashMap<>();
    private final Map<String, Long> received = new TreeMap<>();
    private final Map<String, Long> sent = new TreeMap<>();
    private final List<Outgoing> queued = new ArrayList<>();
    private Optional<Duration> deliveryInterval = Optional.empty();
    private long receivedInInterval;
    private ScheduledFuture<?> ticker;

    // ------------------------------------------------------------------ hooks

    /**
     * Handles one data message: typically queues results with {@link #queueResult} or {@link #queueToAll}.
     *
     * @param message the message
     * @param queue the name of the queue it came from
     */
    protected abstract void onData(DataMessage message, String queue);

    /**
     * Called once per delivery interval in digest mode, before the queued results are delivered. The default does
     * nothing.
     *
     * @param receivedInInterval the number of data messages received since the previous call
     */
    protected void onSchedule(long receivedInInterval) {
    }

    /**
     * Checks the spawn arguments beyond the common ones; called on initialize, after those were read. The default
     * accepts anything.
     *
     * @throws IllegalArgumentException naming the argument if one is wrong
     */
    protected void checkArguments() {
    }

    // ------------------------------------------------------------------ for subclasses

    /** Queues {@code message} for delivery to {@code queue} (a queue name). */
    protected final void queueResult(String queue, DataMessage message) {
        queued.add(new Outgoing(queue, message));
    }

    /** Queues {@code message} for delivery to every delivery queue. */
    protected final void queueToAll(DataMessage message) {
        deliveryQueues.values().stream().distinct().forEach(q -> queueResult(q, message));
    }

    /** The process parameters, unmodifiable. */
    protected final Map<String, Object> processParameters() {
        return Map.copyOf(parameters);
    }

    /** The delivery queues (keyword to queue name), unmodifiable, in the order they were set. */
    protected final Map<String, String> deliveryQueues() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(deliveryQueues));
    }

    /** The delivery interval, present in digest mode. */
    protected final Optional<Duration> deliveryInterval() {
        return deliveryInterval;
    }

    /** Drops every result queued and not yet delivered. */
    protected final void clearQueued() {
        queued.clear();
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    protected final void onInit() {
        Map<String, Object> args = spawnArgs();
        try {
            deliveryInterval = ConsumerArgs.interval(DELIVERY_INTERVAL_ARG, args.get(DELIVERY_INTERVAL_ARG));
            parameters.putAll(ConsumerArgs.map(PROCESS_PARAMETERS_ARG, args.get(PROCESS_PARAMETERS_ARG)));
            deliveryQueues.putAll(ConsumerArgs.queueMap(DELIVERY_QUEUES_ARG, args.get(DELIVERY_QUEUES_ARG)));
            List<Source> sources = args.get(ATTACH_ARG) == null ? List.of()
                    : ConsumerArgs.sources(ATTACH_ARG, args.get(ATTACH_ARG));
            checkArguments();
            sources.forEach(this::attachSource);
        } catch (RequestException e) {
            throw new IllegalArgumentException("consumer " + name() + ": spawn argument " + e.getMessage(), e);
        }
    }

    @Override
    protected final void onActivate() {
        deliveryInterval.ifPresent(interval -> ticker = sendSelfEvery(interval, interval, TICK_OP, Map.of()));
    }

    @Override
    protected final void onDeactivate() {
        stopTicker();
    }

    @Override
    protected final void onTerminate() {
        stopTicker();
    }

    // ------------------------------------------------------------------ operations

    /** Attaches to more queues. */
    @Op("attach")
    public void attachOp(Message request) {
        answer(request, () -> {
            ConsumerArgs.sources("queues", field(request, "attach", "queues")).forEach(this::attachSource);
            return List.copyOf(attached.keySet());
        });
    }

    /** Stops consuming queues. */
    @Op("detach")
    public void detachOp(Message request) {
        answer(request, () -> {
            for (Source source : ConsumerArgs.sources("queues", field(request, "detach", "queues"))) {
                String queue = attached.remove(source.name());
                if (queue != null) {
                    namesByQueue.remove(queue);
                    detach(queue);
                }
            }
            return List.copyOf(attached.keySet());
        });
    }

    /** Merges a map into the process parameters. */
    @Op("set_process_parameters")
    public void setProcessParameters(Message request) {
        answer(request, () -> {
            parameters.putAll(ConsumerArgs.map("content", request.content().orElse(null)));
            return new LinkedHashMap<>(parameters);
        });
    }

    /** The process parameters. */
    @Op("get_process_parameters")
    public Map<String, Object> getProcessParameters() {
        return new LinkedHashMap<>(parameters);
    }

    /** Merges a map keyword to queue name into the delivery queues. */
    @Op("set_delivery_queues")
    public void setDeliveryQueues(Message request) {
        answer(request, () -> {
            deliveryQueues.putAll(ConsumerArgs.queueMap("content", request.content().orElse(null)));
            return new LinkedHashMap<>(deliveryQueues);
        });
    }

    /** The delivery queues. */
    @Op("get_delivery_queues")
    public Map<String, String> getDeliveryQueues() {
        return new LinkedHashMap<>(deliveryQueues);
    }

    /** The messages received per queue and sent per delivery queue. */
    @Op("get_msg_count")
    public Map<String, Object> getMsgCount() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", new TreeMap<>(received));
        counts.put("sent", new TreeMap<>(sent));
        return counts;
    }

    /** One data message. */
    @Op(DATA_OP)
    public void data(Message message) {
        String queue = deliveryQueue().map(q -> namesByQueue.getOrDefault(q, q)).orElse(id().toString());
        received.merge(queue, 1L, Long::sum);
        receivedInInterval++;
        onData(DataMessage.fromContent(message.content().orElse(null), Instant.now()), queue);
        if (deliveryInterval.isEmpty()) {
            deliver();
        }
    }

    /** The digest tick, sent by this consumer to itself. */
    @Op(TICK_OP)
    public void tick(Message message) {
        if (!id().toString().equals(message.sender())) {
            throw new IllegalArgumentException("op '" + TICK_OP + "' is internal to the consumer");
        }
        long count = receivedInInterval;
        receivedInInterval = 0;
        onSchedule(count);
        deliver();
    }

    // ------------------------------------------------------------------ internals

    private void attachSource(Source source) {
        String name = source.name();
        if (attached.containsKey(name)) {
            return;
        }
        String queue = switch (source) {
            case Source.Queue q -> attachOwnQueue(name, Binding.of(exchange(), qualified(q.name())));
            case Source.Topic t -> attachOwnQueue(name, Binding.of(t.exchange(), t.topic()));
            case Source.Subscription s -> attachSubscription(s.reference());
        };
        attached.put(name, queue);
        namesByQueue.put(queue, name);
    }

    private String attachOwnQueue(String name, Binding binding) {
        try {
            return attach(new QueueSpec(id() + ":" + binding.exchange() + ":" + binding.bindingKey(), true, true,
                    false, Optional.empty()), List.of(binding), new ConsumeOptions(PREFETCH, true));
        } catch (ExchangeNotFoundException e) {
            throw ConsumerArgs.badRequest("'queues': exchange '" + binding.exchange() + "' of " + name
                    + " does not exist");
        }
    }

    /** Consumes a subscription's queue with the spec the pubsub service declared it with, shared, not exclusive. */
    private String attachSubscription(String reference) {
        Subscription subscription;
        try {
            subscription = new PubsubClient(this).subscription(reference);
        } catch (ReceivedError e) {
            throw new RequestException(e.responseCode(), "'queues': subscription '" + reference + "': "
                    + e.exceptionText());
        }
        try {
            return attach(subscription.queueSpec(), subscription.bindings(), new ConsumeOptions(PREFETCH, false));
        } catch (ExchangeNotFoundException e) {
            throw ConsumerArgs.badRequest("'queues': the exchange point of subscription '" + reference
                    + "' is gone");
        }
    }

    private void deliver() {
        List<Outgoing> batch = List.copyOf(queued);
        queued.clear();
        for (Outgoing out : batch) {
            send(qualified(out.queue()), DATA_OP, out.message().toContent());
            sent.merge(out.queue(), 1L, Long::sum);
        }
    }

    private String qualified(String name) {
        return name.contains(".") ? name : sysname() + "." + name;
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private static Object field(Message request, String op, String field) {
        Object content = request.content().orElse(null);
        Object value = content instanceof Map<?, ?> m ? m.get(field) : content;
        if (value == null) {
            throw ConsumerArgs.badRequest("op '" + op + "' needs field '" + field + "' (a queue name or a "
                    + "non-empty list of them)");
        }
        return value;
    }

    private void answer(Message request, Supplier<Object> work) {
        Object result;
        try {
            result = work.get();
        } catch (RequestException e) {
            replyError(request, e.responseCode(), e.getMessage());
            return;
        }
        reply(request, result);
    }

    /** A result waiting for delivery. */
    private record Outgoing(String queue, DataMessage message) {
    }
}
