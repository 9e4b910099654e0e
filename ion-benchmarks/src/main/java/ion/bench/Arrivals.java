package ion.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells a sending benchmark thread when its receiver has handled a whole batch of one-way messages. The sender
 * calls {@link #expect(int)} before sending, the receiver calls {@link #arrive()} once per message handled, and
 * the sender {@link #await()}s the last one. Every side of a one-way benchmark uses it the same way.
 */
public final class Arrivals {
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile CountDownLatch done = new CountDownLatch(0);

    /** Starts a batch of {@code messages}; call before sending the first of them. */
    public void expect(int messages) {
        done = new CountDownLatch(1);
        remaining.set(messages);
    }

    /** Counts one handled message. */
    public void arrive() {
        if (remaining.decrementAndGet() == 0) {
            done.countDown();
        }
    }

    /**
     * Waits for the last message of the batch.
     *
     * @throws IllegalStateException if it does not arrive within a minute
     */
    public void await() {
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(remaining.get() + " messages of the batch did not arrive in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }
}
