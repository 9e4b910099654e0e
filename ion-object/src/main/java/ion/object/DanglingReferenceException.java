package ion.object;

import java.util.Optional;

/** A {@code CASRef} whose target is not among the elements at hand. */
public final class DanglingReferenceException extends MalformedStructureException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectKey from;
    private final transient ObjectKey missing;

    /**
     * @param where the referring element ({@code head}, {@code items[i]}) or what was being packed
     * @param from the key of the referring element
     * @param missing the key the link points to
     * @param type the type the link declares
     */
    public DanglingReferenceException(String where, ObjectKey from, ObjectKey missing, TypeId type) {
        super(where + " (key " + from + ") links to " + missing + " (type " + type
                + "), which is not in the structure");
        this.from = from;
        this.missing = missing;
    }

    /**
     * A link, given on its own, that points to no element at hand.
     *
     * @param missing the key the link points to
     * @param type the type the link declares
     */
    public DanglingReferenceException(ObjectKey missing, TypeId type) {
        super("the link to " + missing + " (type " + type + ") points to no element of the structure");
        this.from = null;
        this.missing = missing;
    }

    /** The key of the referring element, if the link was found in one. */
    public Optional<ObjectKey> from() {
        return Optional.ofNullable(from);
    }

    /** The key that could not be resolved. */
    public ObjectKey missing() {
        return missing;
    }
}
