package ion.services.pubsub;

import ion.core.process.Process;
import ion.core.process.ReceivedError;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes data to the topics a publisher is registered for, straight to the exchange point's exchange with the
 * topic as routing key: the pubsub service is asked once per topic whether the publisher is registered for it,
 * and is not on the path afterwards. Each message has op {@value #DATA_OP}, the data as content, and the headers
 * {@value #TOPIC_HEADER}, {@value #PUBLISHER_HEADER} (the publisher's id), {@value #PUBLICATION_HEADER} (an id
 * of this Publisher instance) and {@value #SEQUENCE_HEADER} (1, 2, ... per instance, in publish order), so that a
 * receiver can recognise a message it already has; it passes the sending process's outbound interceptors.
 *
 * <p>A registration withdrawn later (the topic undeclared) is not noticed by a publisher that confirmed it
 * before. Thread-safe; publishes are serialized, so messages arrive in the order of their sequence numbers.
 */
public final class Publisher {
    /** The op of data messages, as R1's consumers' {@code op_data}. */
    public static final String DATA_OP = "data";
    /** The header naming the topic of a data message. */
    public static final String TOPIC_HEADER = "topic";
    /** The header naming the publisher (its resource id) of a data message. */
    public static final String PUBLISHER_HEADER = "publisher";
    /** The header holding the id of the {@code Publisher} instance that published a data message. */
    public static final String PUBLICATION_HEADER = "publication";
    /** The header holding a data message's sequence number within its publication (a long, from 1). */
    public static final String SEQUENCE_HEADER = "sequence";

    private final Process sender;
    private final PubsubClient pubsub;
    private final String publisherId;
    private final Map<String, String> confirmed = new ConcurrentHashMap<>();
    private final String publication = UUID.randomUUID().toString();
    private final ReentrantLock order = new ReentrantLock();
    private long sequence;

    /**
     * A publisher sending through {@code sender}, a spawned process, as the registered publisher {@code publisherId}
     * (see {@link PubsubClient#definePublisher}).
     */
    public Publisher(Process sender, String publisherId) {
        this(sender, new PubsubClient(sender), publisherId);
    }

    /** As {@link #Publisher(Process, String)}, asking the pubsub service behind {@code pubsub}. */
    public Publisher(Process sender, PubsubClient pubsub, String publisherId) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.pubsub = Objects.requireNonNull(pubsub, "pubsub");
        this.publisherId = Objects.requireNonNull(publisherId, "publisherId");
    }

    /** The id of this instance, the {@value #PUBLICATION_HEADER} header of what it publishes. */
    public String publication() {
        return publication;
    }

    /** The publisher's resource id. */
    public String publisherId() {
        return publisherId;
    }

    /**
     * Publishes {@code data} to {@code topic}.
     *
     * @param data the content: anything a message can carry (string, number, boolean, bytes, list, map)
     * @throws PublishRefusedException if the service does not confirm the publisher for the topic
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     * @throws ion.core.process.RpcTimeoutException if the service did not answer the confirmation in time
     */
    public void publish(String topic, Object data) {
        Objects.requireNonNull(topic, "topic");
        String exchange = confirmed.get(topic);
        if (exchange == null) {
            try {
                exchange = pubsub.checkPublisher(publisherId, topic);
            } catch (ReceivedError e) {
                throw new PublishRefusedException(topic, e.responseCode(), e.exceptionText(), e);
            }
            confirmed.put(topic, exchange);
        }
        order.lock();
        try {
            sender.publish(exchange, topic, DATA_OP, data, Map.of(TOPIC_HEADER, topic, PUBLISHER_HEADER, publisherId,
                    PUBLICATION_HEADER, publication, SEQUENCE_HEADER, sequence + 1));
            sequence++;
        } finally {
            order.unlock();
        }
    }
}
