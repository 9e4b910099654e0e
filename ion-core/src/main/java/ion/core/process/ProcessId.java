package ion.core.process;

import java.util.Objects;

/**
 * The identity of a process: {@code <container-id>.<n>}, where {@code n} counts the processes spawned in that
 * container from 1. It is also the name of the process's own queue.
 *
 * @param containerId the id of the container the process lives in
 * @param number the process number within the container, at least 1
 */
public record ProcessId(String containerId, long number) {
    public ProcessId {
        Objects.requireNonNull(containerId, "containerId");
        if (number < 1) {
            throw new IllegalArgumentException("process number must be at least 1, was " + number);
        }
    }

    /**
     * Parses {@code <container-id>.<n>}, splitting at the last dot.
     *
     * @throws IllegalArgumentException if the text has no dot or does not end in a positive number
     */
    public static ProcessId parse(String text) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("not a process id (expected <container-id>.<n>): '" + text + "'");
        }
        try {
            return new ProcessId(text.substring(0, dot), Long.parseLong(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a process id (expected <container-id>.<n>): '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return containerId + "." + number;
    }
}
