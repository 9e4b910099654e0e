package ion.object.repository;

/** A new branch was given the name of an existing one. */
public final class BranchExistsException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final String branch;

    /** @param branch the name that is taken */
    public BranchExistsException(String branch) {
        super("branch '" + branch + "' already exists");
        this.branch = branch;
    }

    /** The name that is taken. */
    public String branch() {
        return branch;
    }
}
