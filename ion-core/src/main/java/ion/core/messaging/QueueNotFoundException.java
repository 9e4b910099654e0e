package ion.core.messaging;

/** A queue that an operation needs does not exist (never declared, or deleted). */
public class QueueNotFoundException extends MessagingException {
    public QueueNotFoundException(String queue) {
        super("queue '" + queue + "' does not exist; declare it before consuming from it");
    }
}
