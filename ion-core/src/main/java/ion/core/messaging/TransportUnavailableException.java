package ion.core.messaging;

/**
 * The broker cannot be reached right now: the connection is down or recovering. Nothing was sent. The transport
 * keeps reconnecting; the same call may succeed later.
 */
public class TransportUnavailableException extends MessagingException {
    public TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportUnavailableException(String message) {
        super(message);
    }
}
