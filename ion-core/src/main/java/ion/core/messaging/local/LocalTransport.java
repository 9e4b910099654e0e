package ion.core.messaging.local;

import ion.core.messaging.Message;
import ion.core.messaging.MessageTooLargeException;
import ion.core.messaging.MessagingException;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.Transport;
import ion.core.messaging.spi.TransportListener;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection to a {@link LocalBroker}. Publishing hands the immutable {@link Message} to the matching queues
 * by reference. Closing it cancels its consumers (their unacknowledged messages are requeued) and deletes the
 * exclusive queues it declared.
 */
public final class LocalTransport implements Transport {
    private final LocalBroker broker;
    private final long maxMessageSize;
    private final Set<LocalQueue.LocalConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final Set<LocalQueue> ownedQueues = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    LocalTransport(LocalBroker broker, long maxMessageSize) {
        this.broker = broker;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public String description() {
        return "in-JVM broker '" + broker.name() + "'";
    }

    /** The broker this transport is connected to. */
    public LocalBroker broker() {
        return broker;
    }

    @Override
    public void declareExchange(String name, boolean durable, boolean autoDelete) {
        checkOpen();
        broker.declareExchange(name);
    }

    @Override
    public void deleteExchange(String name) {
        checkOpen();
        broker.deleteExchange(name);
    }

    @Override
    public String declareQueue(QueueSpec spec) {
        checkOpen();
        return broker.declareQueue(spec, this);
    }

    @Override
    public void bind(String queue, String exchange, String bindingKey) {
        checkOpen();
        LocalQueue q = broker.queue(queue);
        q.checkAccess(this);
        broker.exchange(exchange).bind(q, bindingKey);
    }

    @Override
    public void unbind(String queue, String exchange, String bindingKey) {
        checkOpen();
        if (broker.hasQueue(queue)) {
            LocalQueue q = broker.queue(queue);
            broker.findExchange(exchange).ifPresent(e -> e.unbind(q, bindingKey));
        }
    }

    @Override
    public void deleteQueue(String queue) {
        checkOpen();
        broker.deleteQueue(queue);
    }

    @Override
    public long messageCount(String queue) {
        checkOpen();
        return broker.queue(queue).messageCount();
    }

    @Override
    public void publish(String exchange, String routingKey, Message message) {
        checkOpen();
        long size = EncodedSize.estimate(message, maxMessageSize);
        if (size > maxMessageSize) {
            throw new MessageTooLargeException(size, maxMessageSize);
        }
        List<LocalQueue> targets = broker.exchange(exchange).route(routingKey);
        for (LocalQueue q : targets) {
            q.enqueue(message);
        }
    }

    @Override
    public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        checkOpen();
        return broker.queue(queue).addConsumer(this, options, handler);
    }

    @Override
    public void addListener(TransportListener listener) {
        // The in-JVM broker cannot become unreachable, so there is nothing to report.
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (LocalQueue.LocalConsumer c : List.copyOf(consumers)) {
            c.cancel();
        }
        for (LocalQueue q : List.copyOf(ownedQueues)) {
            broker.deleteQueue(q);
        }
    }

    void track(LocalQueue.LocalConsumer consumer) {
        consumers.add(consumer);
    }

    void untrack(LocalQueue.LocalConsumer consumer) {
        consumers.remove(consumer);
    }

    void ownQueue(LocalQueue queue) {
        ownedQueues.add(queue);
    }

    void disown(LocalQueue queue) {
        ownedQueues.remove(queue);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new MessagingException("transport to " + description() + " is closed");
        }
    }
}
