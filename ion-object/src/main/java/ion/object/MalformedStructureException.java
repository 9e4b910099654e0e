package ion.object;

/**
 * Bytes that are not a well-formed {@code Structure}, or an element that is not what it claims to be. The
 * message says what is wrong and where: the element ({@code head} or {@code items[i]}), its key in hex, or
 * the byte offset.
 */
public class MalformedStructureException extends ObjectException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public MalformedStructureException(String message) {
        super(message);
    }

    /** Creates the exception with its message and the parser's error. */
    public MalformedStructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
