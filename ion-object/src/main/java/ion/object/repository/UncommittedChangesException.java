package ion.object.repository;

/** An operation that replaces the working root (checkout, merge) was asked for while it has uncommitted edits. */
public final class UncommittedChangesException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    /** @param operation what was attempted */
    public UncommittedChangesException(String operation) {
        super("cannot " + operation + ": the working root has uncommitted changes; commit or reset first");
    }
}
