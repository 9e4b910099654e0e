package ion.services.pubsub;

import ion.core.messaging.Binding;
import ion.core.messaging.Message;
import ion.core.messaging.spi.QueueSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscription: a queue bound to an exchange point with a topic pattern, which a {@link Subscriber} consumes.
 * Its wire form is a map with the keys {@code id}, {@code name}, {@code exchange_point}, {@code exchange},
 * {@code pattern}, {@code queue}, {@code durable}, {@code overflow} and, with a length limit, {@code max_length}.
 *
 * <p>A transient subscription's queue is deleted when its consumer goes away (or after
 * {@link #TRANSIENT_IDLE_EXPIRY} unused on RabbitMQ, if no consumer ever came); what is published while no one
 * consumes it is lost. A durable subscription's queue stays until the subscription is cancelled and keeps what is
 * published meanwhile, up to its length limit.
 *
 * @param id its resource id in the resource registry
 * @param name the durable subscription's name, or the generated one of a transient subscription
 * @param exchangePoint the name of the exchange point
 * @param exchange the broker exchange's full name
 * @param pattern the topic pattern the queue is bound with
 * @param queue the queue to consume
 * @param durable whether the queue outlives its consumers
 * @param maxLength the most messages the queue keeps waiting, if limited
 * @param overflow what a full queue drops
 */
public record Subscription(String id, String name, String exchangePoint, String exchange, String pattern,
        String queue, boolean durable, Optional<Integer> maxLength, QueueSpec.Overflow overflow) {
    /** How long a transient subscription's queue waits for its first consumer on RabbitMQ before it is deleted. */
    public static final Duration TRANSIENT_IDLE_EXPIRY = Duration.ofMinutes(5);

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchangePoint, "exchangePoint");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(overflow, "overflow");
    }

    /** The queue as it must be declared, by the service and by the subscriber alike. */
    public QueueSpec queueSpec() {
        QueueSpec spec = durable ? QueueSpec.durableQueue(queue)
                : new QueueSpec(queue, false, true, false, Optional.of(TRANSIENT_IDLE_EXPIRY));
        return maxLength.map(max -> spec.withMaxLength(max, overflow)).orElse(spec);
    }

    /** The queue's binding to the exchange point. */
    public List<Binding> bindings() {
        return List.of(Binding.of(exchange, pattern));
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("exchange_point", exchangePoint);
        m.put("exchange", exchange);
        m.put("pattern", pattern);
        m.put("queue", queue);
        m.put("durable", durable);
        maxLength.ifPresent(max -> m.put("max_length", max));
        m.put("overflow", overflow.wireName());
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or of the wrong type
     * @throws IllegalArgumentException if the overflow policy is unknown
     */
    public static Subscription fromMap(Map<?, ?> m) {
        Object max = m.get("max_length");
        return new Subscription(Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("name"), String.class, "name"),
                Message.convert(m.get("exchange_point"), String.class, "exchange_point"),
                Message.convert(m.get("exchange"), String.class, "exchange"),
                Message.convert(m.get("pattern"), String.class, "pattern"),
                Message.convert(m.get("queue"), String.class, "queue"),
                Message.convert(m.get("durable"), Boolean.class, "durable"),
                max == null ? Optional.empty() : Optional.of(Message.convert(max, Integer.class, "max_length")),
                overflow(Message.convert(m.get("overflow"), String.class, "overflow")).orElseThrow(
                        () -> new IllegalArgumentException("unknown overflow policy " + m.get("overflow"))));
    }

    /** The overflow policy of this {@code x-overflow} name ({@code drop-head}, {@code reject-publish}). */
    public static Optional<QueueSpec.Overflow> overflow(String wireName) {
        for (QueueSpec.Overflow o : QueueSpec.Overflow.values()) {
            if (o.wireName().equals(wireName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
