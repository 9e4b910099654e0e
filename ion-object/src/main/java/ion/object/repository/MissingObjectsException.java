package ion.object.repository;

import ion.object.ObjectKey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Objects that a walk of a repository's graph reached through links but that the store does not have: a commit
 * or object graph that is not complete. The message names the missing keys (the first ten, and how many more).
 */
public final class MissingObjectsException extends RepositoryException {
    private static final long serialVersionUID = 1L;
    private static final int NAMED = 10;

    private final transient List<ObjectKey> missing;

    /** @param missing the keys linked to but absent, in the order found; not empty */
    public MissingObjectsException(List<ObjectKey> missing) {
        super(describe(missing));
        this.missing = List.copyOf(missing);
    }

    /** The keys linked to but absent, in the order found. */
    public List<ObjectKey> missing() {
        return missing;
    }

    private static String describe(List<ObjectKey> missing) {
        String named = missing.stream().limit(NAMED).map(ObjectKey::toString).collect(Collectors.joining(", "));
        int more = missing.size() - NAMED;
        return missing.size() + " linked object" + (missing.size() == 1 ? " is" : "s are") + " missing: " + named
                + (more > 0 ? " and " + more + " more" : "");
    }
}
