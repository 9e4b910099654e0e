package ion.object.repository;

/** A commit that the repository does not have: an unknown key, or no commit at or before a date. */
public final class NoSuchCommitException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public NoSuchCommitException(String message) {
        super(message);
    }
}
