package ion.object.repository;

import java.util.List;
import java.util.stream.Collectors;

/** A merge that was refused because both sides changed the same fields differently; nothing was changed. */
public final class MergeConflictException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldConflict> conflicts;

    /**
     * @param into the branch merged into
     * @param from the branch merged from
     * @param conflicts the conflicting fields, at least one
     */
    public MergeConflictException(String into, String from, List<FieldConflict> conflicts) {
        super("merging '" + from + "' into '" + into + "' conflicts in " + conflicts.size() + " field(s): "
                + conflicts.stream().map(FieldConflict::toString).collect(Collectors.joining("; ")));
        this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicting fields, in field order. */
    public List<FieldConflict> conflicts() {
        return conflicts;
    }
}
