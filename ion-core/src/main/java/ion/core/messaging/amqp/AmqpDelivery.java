package ion.core.messaging.amqp;

import ion.core.messaging.Message;
import ion.core.messaging.spi.Delivery;
import java.util.concurrent.atomic.AtomicBoolean;

/** One decoded delivery; the first {@link #ack()} or {@link #reject(boolean)} settles it, later calls do nothing. */
final class AmqpDelivery implements Delivery {
    private final AmqpConsumer consumer;
    private final long deliveryTag;
    private final boolean redelivered;
    private final String queue;
    private final Message message;
    private final AtomicBoolean settled = new AtomicBoolean();

    AmqpDelivery(AmqpConsumer consumer, long deliveryTag, boolean redelivered, String queue, Message message) {
        this.consumer = consumer;
        this.deliveryTag = deliveryTag;
        this.redelivered = redelivered;
        this.queue = queue;
        this.message = message;
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public boolean redelivered() {
        return redelivered;
    }

    @Override
    public String queue() {
        return queue;
    }

    /**
     * Acknowledges the message. If the connection was lost since it arrived, the broker has already requeued it
     * and this does nothing.
     */
    @Override
    public void ack() {
        if (settled.compareAndSet(false, true)) {
            consumer.settle(deliveryTag, true, false);
        }
    }

    /**
     * Rejects the message. If the connection was lost since it arrived, the broker has already requeued it and
     * this does nothing.
     */
    @Override
    public void reject(boolean requeue) {
        if (settled.compareAndSet(false, true)) {
            consumer.settle(deliveryTag, false, requeue);
        }
    }

    @Override
    public String toString() {
        return "AmqpDelivery[queue=" + queue + ", tag=" + deliveryTag + ", redelivered=" + redelivered + "]";
    }
}
