package ion.object.repository;

/** Base of the errors of a {@link Repository} operation; unchecked. */
public abstract class RepositoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    protected RepositoryException(String message) {
        super(message);
    }
}
