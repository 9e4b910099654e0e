package ion.core.messaging.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.recovery.AutorecoveringChannel;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.codec.R1Codec;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.DeliveryHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer on its own channel. The client calls it on one thread at a time per channel, in delivery order;
 * settlements may come from any thread and are serialized by a lock.
 */
final class AmqpConsumer implements Consumer, ConsumerHandle {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConsumer.class);

    private final AmqpTransport transport;
    private final AutorecoveringChannel channel;
    private final DeliveryHandler handler;
    private final R1Codec codec;
    private final long timeoutMillis;
    private final ReentrantLock channelLock = new ReentrantLock();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String queue;
    private volatile String consumerTag = "";

    AmqpConsumer(AmqpTransport transport, AutorecoveringChannel channel, String queue, DeliveryHandler handler,
            R1Codec codec, long timeoutMillis) {
        this.transport = transport;
        this.channel = channel;
        this.queue = queue;
        this.handler = handler;
        this.codec = codec;
        this.timeoutMillis = timeoutMillis;
    }

    /** The queue consumed; for a broker-named queue, its current name (it changes when the broker restarts). */
    @Override
    public String queue() {
        return queue;
    }

    /**
     * Stops deliveries and closes this consumer's channel, so that the broker requeues every delivery not yet
     * settled. Idempotent; safe while the connection is down (the consumer is then not restored).
     */
    @Override
    public void cancel() {
        if (!cancelled.compareAndSet(false, true)) {
            return;
        }
        transport.forget(this);
        if (!lockChannel("cancel")) {
            abortChannel();
            return;
        }
        try {
            if (!consumerTag.isEmpty()) {
                channel.basicCancel(consumerTag);
            }
            channel.close();
        } catch (IOException | ShutdownSignalException | TimeoutException e) {
            LOG.debug("cancelling the consumer of '{}' on {} did not complete cleanly: {}", queue,
                    transport.address(), AmqpTransport.rootMessage(e));
            abortChannel();
        } finally {
            channelLock.unlock();
        }
        LOG.debug("cancelled the consumer of '{}' on {}", queue, transport.address());
    }

    void started(String tag) {
        consumerTag = tag;
    }

    void transportClosed() {
        cancelled.set(true);
    }

    void queueRenamed(String oldName, String newName) {
        if (queue.equals(oldName)) {
            queue = newName;
        }
    }

    /** Acks or rejects one delivery; a failure means the broker requeues it anyway, so it is only logged. */
    void settle(long deliveryTag, boolean ack, boolean requeue) {
        if (!lockChannel(ack ? "ack" : "reject")) {
            return;
        }
        try {
            if (ack) {
                channel.basicAck(deliveryTag, false);
            } else {
                channel.basicReject(deliveryTag, requeue);
            }
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("could not {} a delivery from '{}' on {} ({}); the broker redelivers it",
                    ack ? "ack" : "reject", queue, transport.address(), AmqpTransport.rootMessage(e));
        } finally {
            channelLock.unlock();
        }
    }

    private boolean lockChannel(String operation) {
        try {
            if (channelLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("could not {} on the channel of '{}' on {}: it stayed busy for {}ms", operation, queue,
                    transport.address(), timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void abortChannel() {
        try {
            channel.abort();
        } catch (IOException | ShutdownSignalException e) {
            LOG.trace("aborting the channel of '{}' failed", queue, e);
        }
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (cancelled.get()) {
            return;
        }
        long deliveryTag = envelope.getDeliveryTag();
        Message message;
        try {
            message = codec.decode(body);
        } catch (RuntimeException decodeFailure) {
            MalformedMessageException e = decodeFailure instanceof MalformedMessageException malformed
                    ? malformed
                    : new MalformedMessageException("cannot decode message: " + decodeFailure, Map.of(),
                            ResponseCodes.BAD_REQUEST, decodeFailure);
            settle(deliveryTag, false, false);
            LOG.debug("discarded a malformed message of {} bytes from '{}': {}", body.length, queue,
                    e.getMessage());
            try {
                handler.onMalformed(queue, e);
            } catch (RuntimeException failure) {
                LOG.error("delivery handler of '{}' failed on a malformed message", queue, failure);
            }
            return;
        }
        AmqpDelivery delivery = new AmqpDelivery(this, deliveryTag, envelope.isRedeliver(), queue, message);
        try {
            handler.onDelivery(delivery);
        } catch (RuntimeException failure) {
            LOG.error("delivery handler of '{}' failed; the message is discarded: {}", queue, message, failure);
            delivery.reject(false);
        }
    }

    @Override
    public void handleConsumeOk(String tag) {
        consumerTag = tag;
    }

    @Override
    public void handleCancelOk(String tag) {
        LOG.trace("consumer {} of '{}' cancelled", tag, queue);
    }

    @Override
    public void handleCancel(String tag) {
        if (cancelled.get()) {
            return;
        }
        LOG.warn("RabbitMQ at {} stopped the consumer of '{}' (the queue was deleted?); no more deliveries",
                transport.address(), queue);
        cancel();
    }

    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
        if (cancelled.get() || signal.isInitiatedByApplication()) {
            return;
        }
        if (signal.isHardError()) {
            LOG.debug("consumer of '{}' paused: connection to {} lost", queue, transport.address());
        } else {
            LOG.warn("RabbitMQ at {} closed the channel of the consumer of '{}' ({}); no more deliveries",
                    transport.address(), queue, AmqpTransport.reasonOf(signal));
        }
    }

    @Override
    public void handleRecoverOk(String tag) {
        LOG.trace("consumer {} of '{}' recover-ok", tag, queue);
    }

    @Override
    public String toString() {
        return "AmqpConsumer[queue=" + queue + ", tag=" + consumerTag + "]";
    }
}
