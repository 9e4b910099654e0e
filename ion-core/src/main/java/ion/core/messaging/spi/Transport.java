package ion.core.messaging.spi;

import ion.core.messaging.Message;
import ion.core.messaging.MessageTooLargeException;
import ion.core.messaging.TransportUnavailableException;

/**
 * A connection to a message broker with AMQP 0-9-1 semantics: topic exchanges, queues bound to them by routing
 * key patterns ({@code *} one word, {@code #} zero or more), competing consumers with prefetch and explicit
 * acknowledgement.
 *
 * <p>Contract every implementation meets (the transport conformance suite checks it):
 * <ul>
 * <li>a message published to an exchange reaches every queue with a matching binding, once; with no match it is
 * dropped;</li>
 * <li>messages from one publisher to one queue are delivered in publish order;</li>
 * <li>a queue with several consumers hands each message to one of them, in turn among those with free
 * prefetch;</li>
 * <li>a delivery not acknowledged when its consumer is cancelled or its transport closes is delivered again,
 * marked redelivered;</li>
 * <li>an exclusive queue can be consumed only through the transport that declared it, and is deleted when that
 * transport closes;</li>
 * <li>a queue with a length limit holds at most that many ready messages; when full, its overflow policy drops
 * either its oldest message or the arriving one, silently for the publisher;</li>
 * <li>while the broker is unreachable, {@link #publish} throws {@link TransportUnavailableException} rather than
 * blocking or losing the message silently; after reconnection, declared topology and consumers are restored.</li>
 * </ul>
 * All methods are thread-safe. No method blocks longer than the transport's configured operation timeout.
 */
public interface Transport extends AutoCloseable {
    /** A human-readable description for logs and errors, e.g. {@code amqp://localhost:5672/}. */
    String description();

    /**
     * Declares a topic exchange if it does not exist.
     *
     * @param durable survives a broker restart
     * @param autoDelete deleted when its last binding goes away
     */
    void declareExchange(String name, boolean durable, boolean autoDelete);

    /**
     * Deletes an exchange and its bindings (the queues stay); no effect if it does not exist.
     */
    void deleteExchange(String name);

    /**
     * Declares a queue if it does not exist. Declaring an existing queue with a spec that is not
     * {@linkplain QueueSpec#isEquivalentTo equivalent} fails.
     *
     * @return the queue's name (chosen by the broker when the spec's name is empty)
     */
    String declareQueue(QueueSpec spec);

    /**
     * Binds a queue to an exchange with a routing key pattern. Binding again with the same key has no effect.
     *
     * @throws ion.core.messaging.ExchangeNotFoundException if the exchange does not exist (it is never created
     *         here)
     * @throws ion.core.messaging.QueueNotFoundException if the queue does not exist
     */
    void bind(String queue, String exchange, String bindingKey);

    /** Removes a binding; no effect if it does not exist. */
    void unbind(String queue, String exchange, String bindingKey);

    /** Deletes a queue and its messages; no effect if it does not exist. */
    void deleteQueue(String queue);

    /**
     * The number of messages waiting in a queue, not counting those delivered and not yet acknowledged.
     *
     * @throws ion.core.messaging.QueueNotFoundException if the queue does not exist
     */
    long messageCount(String queue);

    /**
     * Publishes a message.
     *
     * @throws TransportUnavailableException if the broker is unreachable; nothing was sent
     * @throws MessageTooLargeException if the message exceeds the configured size limit; nothing was sent
     */
    void publish(String exchange, String routingKey, Message message);

    /** Starts consuming. Deliveries go to {@code handler} until the returned handle is cancelled. */
    ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler);

    /** Registers a listener for connection loss and recovery. */
    void addListener(TransportListener listener);

    /** Closes the connection: consumers stop, unsettled deliveries are requeued, exclusive queues go. */
    @Override
    void close();
}
