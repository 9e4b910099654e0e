package ion.core.config;

import java.util.List;
import java.util.Objects;

/**
 * Unchecked exception for every configuration problem: an unknown key, a value of the wrong type, a YAML file
 * that cannot be read, or a typed accessor called with the wrong key or type.
 *
 * <p>When several problems are found at once (building a {@link Config} validates every layer before giving up),
 * {@link #problems()} lists each of them and {@link #getMessage()} contains all of them, one per line. Every problem
 * names where the offending value came from and the dotted key it was given for.
 */
public class ConfigException extends RuntimeException {
    /** The problems reported, in the order found. */
    private final List<String> problems;

    /**
     * Creates an exception describing a single problem.
     *
     * @param message the problem, naming the source and key where one is known
     */
    public ConfigException(String message) {
        super(Objects.requireNonNull(message, "message"));
        this.problems = List.of(message);
    }

    /**
     * Creates an exception describing a single problem caused by another exception.
     *
     * @param message the problem, naming the source and key where one is known
     * @param cause the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.problems = List.of(message);
    }

    /**
     * Creates an exception reporting several problems found together.
     *
     * @param problems the problems, at least one, in the order they were found
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<String> problems) {
        super(summarize(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns each problem this exception reports, in the order found; never empty.
     *
     * @return an immutable list of problem descriptions
     */
    public List<String> problems() {
        return problems;
    }

    private static String summarize(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return problems.size() + " configuration problems:\n  " + String.join("\n  ", problems);
    }
}
