package ion.core.process;

/**
 * A received message whose acknowledgement its handler held back ({@link Process#holdAcknowledgement()}): it
 * stays unsettled on its queue until exactly one of these is called. Both are idempotent with each other (only
 * the first call counts), never block for long, and do nothing once the broker has taken the message back
 * because its consumer went away.
 */
public interface PendingAck {
    /** Settles the message as handled: the broker forgets it. */
    void ack();

    /** Gives the message back to its queue to be delivered again. */
    void requeue();
}
