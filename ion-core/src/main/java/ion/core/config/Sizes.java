package ion.core.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats sizes in bytes written as a whole number optionally followed by a binary unit: {@code B}
 * (bytes), {@code KiB} (1024 bytes), {@code MiB} (1024 KiB) or {@code GiB} (1024 MiB), for example {@code 512},
 * {@code 64KiB} or {@code 8MiB}. Units are case-sensitive; there is no sign, fraction or space inside the value.
 */
public final class Sizes {
    /** Bytes in a kibibyte. */
    public static final long KIB = 1024L;
    /** Bytes in a mebibyte. */
    public static final long MIB = 1024L * KIB;
    /** Bytes in a gibibyte. */
    public static final long GIB = 1024L * MIB;

    private static final Pattern FORM = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)?");

    private Sizes() {
    }

    /**
     * Parses a size. A number without a unit is a number of bytes. Leading and trailing white space is ignored.
     *
     * @param text the size, such as {@code 8MiB}
     * @return the number of bytes, never negative
     * @throws IllegalArgumentException if {@code text} is not in the documented form or the number of bytes does not
     *     fit in a {@code long}; the message quotes the text and says what was expected
     */
    public static long parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(Values.quote(text)
                    + " is not a size: expected a whole number of bytes, optionally followed by B, KiB, MiB or GiB,"
                    + " such as 512, 64KiB or 8MiB");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        long multiplier = switch (unit) {
            case "KiB" -> KIB;
            case "MiB" -> MIB;
            case "GiB" -> GIB;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(Values.quote(text) + " is too large for a size");
        }
    }

    /**
     * Formats a number of bytes in the form {@link #parse(String)} reads, using the largest unit that represents it
     * exactly: {@code 8388608} becomes {@code 8MiB}, {@code 1000} becomes {@code 1000B}.
     *
     * @param bytes the number of bytes, not negative
     * @return the formatted size
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "KiB";
        }
        return bytes + "B";
    }

    /** True if {@code text} is a size with an explicit unit; used to decide the type of a default value. */
    static boolean hasSizeFormWithUnit(String text) {
        Matcher m = FORM.matcher(text);
        return m.matches() && m.group(2) != null;
    }
}
