package ion.core.intercept;

import ion.core.messaging.MessagingException;

/** An outbound interceptor dropped a message; it was not sent. */
public class MessageDroppedException extends MessagingException {
    private final String interceptor;

    public MessageDroppedException(String interceptor, String reason) {
        super("message dropped by interceptor '" + interceptor + "': " + reason);
        this.interceptor = interceptor;
    }

    /** The interceptor that dropped it. */
    public String interceptor() {
        return interceptor;
    }
}
