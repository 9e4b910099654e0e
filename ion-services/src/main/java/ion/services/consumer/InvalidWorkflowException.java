package ion.services.consumer;

/** A consumer workflow description cannot be built: the message names the consumer and the field at fault. */
public final class InvalidWorkflowException extends IllegalArgumentException {
    /** A workflow refused for the reason {@code message}. */
    public InvalidWorkflowException(String message) {
        super(message);
    }
}
