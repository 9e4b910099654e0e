package ion.core.messaging.spi;

import ion.core.messaging.Message;

/**
 * One message handed to a consumer. The consumer must settle it exactly once, with {@link #ack()} after it has
 * been handled or with {@link #reject(boolean)}; until then it counts against the consumer's prefetch and is
 * redelivered to another consumer if this one goes away.
 */
public interface Delivery {
    /** The message. */
    Message message();

    /** True if the broker delivered this message before, to a consumer that did not acknowledge it. */
    boolean redelivered();

    /** The queue it came from. */
    String queue();

    /** Settles the message as handled. Idempotent; never blocks for long. */
    void ack();

    /**
     * Settles the message as not handled.
     *
     * @param requeue put it back on the queue for another delivery; otherwise discard it
     */
    void reject(boolean requeue);
}
