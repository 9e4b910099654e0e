package ion.object;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A type id, or a message class, that the {@link TypeRegistry} does not know. */
public final class UnknownTypeException extends ObjectException {
    private static final long serialVersionUID = 1L;

    private final transient TypeId typeId;
    private final transient SortedSet<TypeId> known;

    /**
     * An unknown type id.
     *
     * @param where what carried the id, for the message (for example {@code "items[2] (key 17D5...)"}); may be empty
     * @param typeId the unknown id
     * @param known the ids the registry knows
     */
    public UnknownTypeException(String where, TypeId typeId, Set<TypeId> known) {
        super(prefix(where) + "unknown type id " + typeId + "; known: " + list(known));
        this.typeId = typeId;
        this.known = new TreeSet<>(known);
    }

    /**
     * A message class that has no registered type id.
     *
     * @param messageType the full protobuf name of the message type
     * @param reason why it has none
     * @param known the ids the registry knows
     */
    public UnknownTypeException(String messageType, String reason, Set<TypeId> known) {
        super("message type " + messageType + " " + reason + "; known: " + list(known));
        this.typeId = null;
        this.known = new TreeSet<>(known);
    }

    /** The unknown id, if the error is about an id rather than a message class. */
    public Optional<TypeId> typeId() {
        return Optional.ofNullable(typeId);
    }

    /** The ids the registry knew, in order. */
    public SortedSet<TypeId> known() {
        return Collections.unmodifiableSortedSet(known);
    }

    private static String prefix(String where) {
        return where.isEmpty() ? "" : where + ": ";
    }

    private static String list(Set<TypeId> known) {
        return new TreeSet<>(known).stream().map(TypeId::toString).collect(Collectors.joining(", "));
    }
}
