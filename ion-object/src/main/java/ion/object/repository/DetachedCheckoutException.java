package ion.object.repository;

import ion.object.ObjectKey;

/**
 * A write (edit, commit, merge) to a detached checkout: a checkout by commit or by date is read-only. Create a
 * branch there ({@link Repository#branch}) or check out a branch to write.
 */
public final class DetachedCheckoutException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectKey commit;

    /**
     * @param operation what was attempted
     * @param commit the commit that is checked out
     */
    public DetachedCheckoutException(String operation, ObjectKey commit) {
        super("cannot " + operation + ": the checkout of commit " + commit
                + " is detached and read-only; create a branch there or check out a branch to write");
        this.commit = commit;
    }

    /** The commit that is checked out. */
    public ObjectKey commit() {
        return commit;
    }
}
