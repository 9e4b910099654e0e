package ion.core.messaging;

/** The content (or a header) of a message is absent or not of the type the reader asked for. */
public class WrongContentTypeException extends MessagingException {
    public WrongContentTypeException(String message) {
        super(message);
    }
}
