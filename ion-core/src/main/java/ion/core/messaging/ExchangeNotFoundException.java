package ion.core.messaging;

/**
 * An exchange that an operation needs does not exist: binding a queue to it, or publishing to it. Exchanges are
 * declared by whoever owns them (the container for its own, the pubsub service for exchange points); a binding or
 * publish never creates one.
 */
public class ExchangeNotFoundException extends MessagingException {
    public ExchangeNotFoundException(String message) {
        super(message);
    }

    public ExchangeNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
