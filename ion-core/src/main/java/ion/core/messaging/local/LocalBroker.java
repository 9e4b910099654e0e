package ion.core.messaging.local;

import ion.core.messaging.ExchangeNotFoundException;
import ion.core.messaging.MessagingException;
import ion.core.messaging.QueueNotFoundException;
import ion.core.messaging.spi.QueueSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message broker inside the JVM with the AMQP 0-9-1 semantics of {@link ion.core.messaging.spi.Transport}:
 * topic exchanges, queues, competing consumers with prefetch, acknowledgements and redelivery. Messages are
 * passed by reference, never encoded. Several containers in one JVM talk to each other by connecting to the
 * same broker; {@link #shared()} is the one the container uses by default.
 *
 * <p>Unlike RabbitMQ it keeps nothing across JVM restarts and ignores queue idle expiry (its queues live as
 * long as the JVM). Like RabbitMQ it enforces queue length limits, with the same overflow policies: a message
 * refused by a full {@link QueueSpec.Overflow#REJECT_PUBLISH reject-publish} queue is dropped for that queue
 * without the publisher noticing, as on RabbitMQ without publisher confirms.
 */
public final class LocalBroker {
    private static final LocalBroker SHARED = new LocalBroker("shared");

    private final String name;
    private final Map<String, LocalExchange> exchanges = new ConcurrentHashMap<>();
    private final Map<String, LocalQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong generatedNames = new AtomicLong();

    /** A new, empty broker; tests use one each to stay isolated. */
    public LocalBroker(String name) {
        this.name = name;
    }

    /** The JVM-wide broker that containers configured with the {@code local} transport connect to. */
    public static LocalBroker shared() {
        return SHARED;
    }

    /** The broker's name, for logs. */
    public String name() {
        return name;
    }

    /**
     * Opens a connection to this broker.
     *
     * @param maxMessageSize the largest message, estimated as its encoded size, that the connection publishes
     */
    public LocalTransport connect(long maxMessageSize) {
        return new LocalTransport(this, maxMessageSize);
    }

    /** The number of messages waiting in a queue (not counting those delivered and not yet acknowledged). */
    public Optional<Integer> messageCount(String queue) {
        return Optional.ofNullable(queues.get(queue)).map(LocalQueue::messageCount);
    }

    /** True if the queue exists. */
    public boolean hasQueue(String queue) {
        return queues.containsKey(queue);
    }

    void declareExchange(String exchange) {
        exchanges.computeIfAbsent(exchange, LocalExchange::new);
    }

    LocalExchange exchange(String exchange) {
        LocalExchange e = exchanges.get(exchange);
        if (e == null) {
            throw new ExchangeNotFoundException("exchange '" + exchange + "' does not exist on in-JVM broker '"
                    + name + "'; declare it first");
        }
        return e;
    }

    Optional<LocalExchange> findExchange(String exchange) {
        return Optional.ofNullable(exchanges.get(exchange));
    }

    void deleteExchange(String exchange) {
        exchanges.remove(exchange);
    }

    /** True if the exchange exists. */
    public boolean hasExchange(String exchange) {
        return exchanges.containsKey(exchange);
    }

    String declareQueue(QueueSpec spec, LocalTransport transport) {
        String queueName = spec.name().isEmpty() ? "amq.gen-" + name + "-" + generatedNames.incrementAndGet()
                : spec.name();
        LocalQueue queue = queues.computeIfAbsent(queueName, n -> new LocalQueue(this, n, spec, transport));
        queue.checkAccess(transport);
        QueueSpec existing = queue.spec();
        if (!existing.isEquivalentTo(spec)) {
            throw new MessagingException("queue '" + queueName + "' exists with other properties (" + existing
                    + "); cannot redeclare it as " + spec);
        }
        if (queue.isExclusive()) {
            transport.ownQueue(queue);
        }
        return queueName;
    }

    LocalQueue queue(String queue) {
        LocalQueue q = queues.get(queue);
        if (q == null) {
            throw new QueueNotFoundException(queue);
        }
        return q;
    }

    void deleteQueue(String queue) {
        LocalQueue q = queues.get(queue);
        if (q != null) {
            deleteQueue(q);
        }
    }

    /** Deletes this queue, unless it is already gone (and its name perhaps taken by a new queue). */
    void deleteQueue(LocalQueue q) {
        if (queues.remove(q.name(), q)) {
            exchanges.values().forEach(e -> e.unbindAll(q));
            q.markDeleted();
        }
    }
}
