package ion.object.repository;

import java.util.Objects;
import java.util.Optional;

/**
 * A field that both sides of a merge changed, differently, since their common ancestor. Values are as protobuf
 * reflection gives them: a scalar, an enum value descriptor, a message, or a {@code List} for a repeated field;
 * empty when the field is not set (or, for a repeated field, has no elements).
 *
 * @param path the field's path from the root object, names joined by dots ({@code owner.email}); empty when
 *     the root objects themselves are of different types
 * @param base the value in the common ancestor
 * @param ours the value on the branch merged into (the current branch)
 * @param theirs the value on the branch merged from
 */
public record FieldConflict(String path, Optional<Object> base, Optional<Object> ours, Optional<Object> theirs) {

    /** Requires every part. */
    public FieldConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": ours=" + show(ours) + " theirs=" + show(theirs)
                + " base=" + show(base);
    }

    private static String show(Optional<Object> value) {
        return value.map(v -> String.valueOf(v).strip().replace('\n', ' ')).orElse("(unset)");
    }
}
