package ion.object.repository;

import ion.object.ObjectKey;

/**
 * A branch cannot be moved to a commit received from elsewhere, because neither head is an ancestor of the
 * other: the two histories have diverged and need a merge.
 */
public final class DivergedBranchException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final String branch;

    /**
     * @param branch the branch
     * @param head its head here
     * @param other the head it was to move to
     */
    public DivergedBranchException(String branch, ObjectKey head, ObjectKey other) {
        super("branch '" + branch + "' has diverged: its head " + head + " and " + other
                + " are not ancestors of each other");
        this.branch = branch;
    }

    /** The branch that diverged. */
    public String branch() {
        return branch;
    }
}
