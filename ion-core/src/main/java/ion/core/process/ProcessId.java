package ion.core.process;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a process: {@code <container-id>.<n>}, where {@code n} counts the processes spawned in that
 * container from 1. It is also the name of the process's own queue.
 *
 * @param containerId the id of the container the process lives in
 * @param number the process number within the container, at least 1
 */
public record ProcessId(String containerId, long number) {
    private static final Pattern CANONICAL_NUMBER = Pattern.compile("[1-9][0-9]*");

    public ProcessId {
        Objects.requireNonNull(containerId, "containerId");
        if (number < 1) {
            throw new IllegalArgumentException("process number must be at least 1, was " + number);
        }
    }

    /**
     * Parses {@code <container-id>.<n>}, splitting at the last dot. Only the form {@link #toString()} writes is
     * accepted: {@code n} in ASCII digits without sign or leading zeros.
     *
     * @throws IllegalArgumentException if the text has no dot or does not end in such a positive number
     */
    public static ProcessId parse(String text) {
        int dot = text.lastIndexOf('.');
        String digits = dot < 0 ? "" : text.substring(dot + 1);
        if (dot <= 0 || !CANONICAL_NUMBER.matcher(digits).matches()) {
            throw notAProcessId(text, null);
        }
        try {
            return new ProcessId(text.substring(0, dot), Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw notAProcessId(text, e);
        }
    }

    private static IllegalArgumentException notAProcessId(String text, Throwable cause) {
        return new IllegalArgumentException("not a process id (expected <container-id>.<n>, n from 1): '" + text
                + "'", cause);
    }

    @Override
    public String toString() {
        return containerId + "." + number;
    }
}
