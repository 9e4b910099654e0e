package ion.core.messaging.spi;

/**
 * How to consume from a queue.
 *
 * @param prefetch how many unsettled deliveries the consumer may hold at once (at least 1)
 * @param exclusive no other consumer may attach to the queue while this one is attached
 */
public record ConsumeOptions(int prefetch, boolean exclusive) {
    /** Prefetch of a worker consumer: one message at a time, so that work spreads across competing consumers. */
    public static final int WORKER_PREFETCH = 1;

    public ConsumeOptions {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
    }
}
