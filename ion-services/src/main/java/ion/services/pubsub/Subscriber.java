package ion.services.pubsub;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.process.Op;
import ion.core.process.Process;

/**
 * A process that receives published data from one or more {@link Subscription}s: {@link #consume} attaches a
 * subscription's queue, and each data message (op {@value Publisher#DATA_OP}) goes to {@link #onData}, one at a
 * time, in the order of its queue. A message is acknowledged only after {@code onData} returned (at-least-once: if
 * the process crashes or ends before, the message stays in a durable subscription's queue for the next consumer);
 * the prefetch bounds how many unacknowledged messages the broker hands over at once, which is the back-pressure
 * on a slow subscriber.
 *
 * <p>An exception from {@code onData} is logged and answered to the publisher as any handler failure is; the
 * process goes on with the next message unless it is fail-fast.
 */
public abstract class Subscriber extends Process {
    /** The prefetch of {@link #consume(Subscription)}. */
    public static final int DEFAULT_PREFETCH = 100;

    /**
     * Consumes a subscription's queue (declaring it again if it is gone) with {@link #DEFAULT_PREFETCH}; allowed
     * in {@link #onInit()} and later.
     *
     * @return the queue's name
     */
    protected final String consume(Subscription subscription) {
        return consume(subscription, DEFAULT_PREFETCH);
    }

    /** As {@link #consume(Subscription)} with the given prefetch (at least 1). */
    protected final String consume(Subscription subscription, int prefetch) {
        return attach(subscription.queueSpec(), subscription.bindings(), new ConsumeOptions(prefetch, false));
    }

    /**
     * Stops consuming a subscription's queue. A durable subscription's queue keeps collecting; a transient one's
     * goes.
     *
     * @return false if this process did not consume it
     */
    protected final boolean stopConsuming(Subscription subscription) {
        return detach(subscription.queue());
    }

    /**
     * Handles one data message.
     *
     * @param topic the topic it was published to
     * @param message the message; its content is the data
     */
    protected abstract void onData(String topic, Message message);

    @Op(Publisher.DATA_OP)
    final void data(Message message) {
        Object topic = message.headers().get(Publisher.TOPIC_HEADER);
        onData(topic instanceof String t ? t : String.valueOf(message.headers().get(HeaderNames.RECEIVER)),
                message);
    }
}
