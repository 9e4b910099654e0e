package ion.core.messaging;

/** A message is larger than the configured {@code messaging.max-message-size}; it was not sent. */
public class MessageTooLargeException extends MessagingException {
    private final long size;
    private final long limit;

    public MessageTooLargeException(long size, long limit) {
        super("message of " + size + " bytes exceeds the limit of " + limit
                + " bytes (messaging.max-message-size); send large data in parts or raise the limit");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
