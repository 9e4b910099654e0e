package ion.object;

/** An element whose key is not the key of its value and type: the data was corrupted or forged. */
public final class KeyMismatchException extends MalformedStructureException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectKey declared;
    private final transient ObjectKey computed;

    /**
     * @param where the element ({@code head}, {@code items[i]})
     * @param declared the key the element carries
     * @param computed the key of its value and type
     */
    public KeyMismatchException(String where, ObjectKey declared, ObjectKey computed) {
        super(where + ": key " + declared + " does not match its value (the value's key is " + computed
                + "); the data is corrupted");
        this.declared = declared;
        this.computed = computed;
    }

    /** The key the element carries. */
    public ObjectKey declared() {
        return declared;
    }

    /** The key of the element's value and type. */
    public ObjectKey computed() {
        return computed;
    }
}
