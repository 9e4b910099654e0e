package ion.core.messaging.spi;

/** A running consumer. Cancelling it stops deliveries; deliveries it has not settled go back to the queue. */
public interface ConsumerHandle {
    /** The queue consumed. */
    String queue();

    /** Stops this consumer and requeues its unsettled deliveries. Idempotent. */
    void cancel();
}
