package ion.object.repository;

import ion.object.ObjectKey;
import ion.object.TypeId;
import ion.object.proto.CommitRef;
import ion.object.proto.ParentRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A commit, read from its {@link CommitRef}: immutable, and keyed by the content key of that object, so equal
 * commits have equal keys.
 *
 * @param key the content key of the {@code CommitRef}
 * @param root the key of the committed root object
 * @param rootType the type of the committed root object
 * @param parents the parent commits: none for a first commit, one, or two for a merge (the branch merged into
 *     first, then the branch merged from)
 * @param comment the comment
 * @param author the author; empty in a commit made by R1, which has no author
 * @param date when the commit was made, to the millisecond (R1 writes seconds since the epoch as a double)
 */
public record Commit(ObjectKey key, ObjectKey root, TypeId rootType, List<ObjectKey> parents, String comment,
        String author, Instant date) {

    /** Requires every part and copies the parents. */
    public Commit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rootType, "rootType");
        parents = List.copyOf(parents);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(date, "date");
    }

    /** The commit a {@code CommitRef} with this key describes. */
    public static Commit of(ObjectKey key, CommitRef ref) {
        List<ObjectKey> parents = ref.getParentrefsList().stream()
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .map(parent -> new ObjectKey(parent.getCommitref().getKey()))
                .toList();
        return new Commit(key, new ObjectKey(ref.getObjectroot().getKey()), TypeId.of(ref.getObjectroot().getType()),
                parents, ref.getComment(), ref.getAuthor(), fromSeconds(ref.getDate()));
    }

    /** The first parent: the previous commit of the branch this commit was made on. */
    public Optional<ObjectKey> firstParent() {
        return parents.isEmpty() ? Optional.empty() : Optional.of(parents.get(0));
    }

    /** Whether this commit records a merge (has two parents). */
    public boolean isMerge() {
        return parents.size() > 1;
    }

    /** A date as R1 writes it: seconds since the epoch, millisecond precision. */
    static double toSeconds(Instant date) {
        return date.toEpochMilli() / 1000.0;
    }

    /** A date from R1's seconds since the epoch, to the nearest millisecond. */
    static Instant fromSeconds(double seconds) {
        return Instant.ofEpochMilli(Math.round(seconds * 1000.0));
    }

    private static int rank(ParentRef parent) {
        return parent.getRelationship() == ParentRef.Relationship.Parent ? 0 : 1;
    }
}
