package ion.core.messaging;

/** A queue is exclusive to another connection, or already has an exclusive consumer. */
public class QueueLockedException extends MessagingException {
    public QueueLockedException(String message) {
        super(message);
    }
}
