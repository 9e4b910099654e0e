package ion.core.config;

/**
 * The type of a configuration setting. A setting's type is decided by its value in the defaults file: an integer
 * default makes an {@link #INTEGER}, {@code true}/{@code false} a {@link #BOOLEAN}, a string such as {@code 15s} a
 * {@link #DURATION}, a string such as {@code 8MiB} a {@link #SIZE}, and any other string a {@link #STRING}.
 */
public enum ValueType {
    /** Text, read with {@link Config#string(String)}. */
    STRING("string", "a string"),
    /** A 64-bit signed integer, read with {@link Config#integer(String)} or {@link Config#intValue(String)}. */
    INTEGER("integer", "an integer"),
    /** {@code true} or {@code false}, read with {@link Config#bool(String)}. */
    BOOLEAN("boolean", "true or false"),
    /** A non-negative length of time, read with {@link Config#duration(String)}; see {@link Durations}. */
    DURATION("duration", "a duration such as 500ms, 15s or 2m (units ms, s, m, h, d)"),
    /** A non-negative number of bytes, read with {@link Config#size(String)}; see {@link Sizes}. */
    SIZE("size", "a size such as 512, 64KiB or 8MiB (units B, KiB, MiB, GiB)");

    private final String displayName;
    private final String expectation;

    ValueType(String displayName, String expectation) {
        this.displayName = displayName;
        this.expectation = expectation;
    }

    /**
     * Returns the short lower-case name of this type, as used in error messages ("duration").
     *
     * @return the type's name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns a description of the values this type accepts, as used after "expected" in error messages.
     *
     * @return a human-readable description of accepted values
     */
    public String expectation() {
        return expectation;
    }
}
