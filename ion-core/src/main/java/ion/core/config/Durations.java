package ion.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats durations written as a whole number directly followed by a unit: {@code ms} (milliseconds),
 * {@code s} (seconds), {@code m} (minutes), {@code h} (hours) or {@code d} (days), for example {@code 500ms},
 * {@code 15s} or {@code 30m}. Units are case-sensitive; there is no sign, fraction or space inside the value.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration. Leading and trailing white space is ignored.
     *
     * @param text the duration, such as {@code 15s}
     * @return the duration, never negative
     * @throws IllegalArgumentException if {@code text} is not in the documented form or is too large for a
     *     {@link Duration}; the message quotes the text and says what was expected
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(Values.quote(text)
                    + " is not a duration: expected a whole number followed by ms, s, m, h or d, such as 500ms, 15s"
                    + " or 2m");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(Values.quote(text) + " is too large for a duration");
        }
    }

    /**
     * Formats a duration in the form {@link #parse(String)} reads, using the largest unit that represents it
     * exactly ({@code 90s} becomes {@code 90s}, {@code 120s} becomes {@code 2m}). A negative duration, or one with a
     * fraction of a millisecond, is formatted in ISO-8601 form ({@link Duration#toString()}) instead, since the
     * short form cannot express it.
     *
     * @param duration the duration to format
     * @return the formatted duration, such as {@code 15s}
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (duration.isNegative() || nanos % 1_000_000 != 0) {
            return duration.toString();
        }
        if (nanos != 0) {
            try {
                return Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000) + "ms";
            } catch (ArithmeticException e) {
                return duration.toString();
            }
        }
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** True if {@code text} has exactly the documented form; used to decide the type of a default value. */
    static boolean hasDurationForm(String text) {
        return FORM.matcher(text).matches();
    }
}
