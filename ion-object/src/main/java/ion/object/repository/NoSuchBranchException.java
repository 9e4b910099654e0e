package ion.object.repository;

import java.util.List;

/** A branch name that the repository does not have. */
public final class NoSuchBranchException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final String branch;

    /**
     * @param branch the unknown name
     * @param known the names the repository has
     */
    public NoSuchBranchException(String branch, List<String> known) {
        super("no branch '" + branch + "'; branches: " + String.join(", ", known));
        this.branch = branch;
    }

    /** The unknown name. */
    public String branch() {
        return branch;
    }
}
