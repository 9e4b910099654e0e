package ion.object;

/** Base of the errors of the object layer: unknown types, malformed or corrupted structures. */
public abstract class ObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    protected ObjectException(String message) {
        super(message);
    }

    /** Creates the exception with its message and cause. */
    protected ObjectException(String message, Throwable cause) {
        super(message, cause);
    }
}
