package ion.services.pubsub;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of topic names and topic patterns, and AMQP topic matching.
 *
 * <p>A topic name is one or more words separated by dots, each word of the characters {@code [A-Za-z0-9_-]}:
 * {@code ocean.ctd.temperature}. A pattern is a topic name in which a word may also be {@code *} (exactly one
 * word) or {@code #} (zero or more words): {@code ocean.*.temperature}, {@code ocean.#}, {@code #}. The same
 * syntax names exchange points and durable subscriptions.
 */
public final class TopicNames {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");

    private TopicNames() {
    }

    /** Why {@code name} is not a topic name; empty if it is one. */
    public static Optional<String> topicProblem(String name) {
        return problem(name, false);
    }

    /** Why {@code pattern} is not a topic pattern; empty if it is one. */
    public static Optional<String> patternProblem(String pattern) {
        return problem(pattern, true);
    }

    /** True if the topic name matches the pattern, both valid. */
    public static boolean matches(String pattern, String topic) {
        return matches(List.of(pattern.split("\\.", -1)), 0, List.of(topic.split("\\.", -1)), 0);
    }

    private static boolean matches(List<String> pattern, int p, List<String> words, int w) {
        if (p == pattern.size()) {
            return w == words.size();
        }
        String part = pattern.get(p);
        if (part.equals("#")) {
            for (int skip = w; skip <= words.size(); skip++) {
                if (matches(pattern, p + 1, words, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (w == words.size()) {
            return false;
        }
        return (part.equals("*") || part.equals(words.get(w))) && matches(pattern, p + 1, words, w + 1);
    }

    private static Optional<String> problem(String name, boolean wildcards) {
        String what = wildcards ? "topic pattern" : "topic name";
        if (name.isEmpty()) {
            return Optional.of("a " + what + " must not be empty");
        }
        String[] words = name.split("\\.", -1);
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (word.isEmpty()) {
                return Optional.of("'" + name + "' is not a valid " + what + ": word " + (i + 1)
                        + " is empty (words are separated by single dots)");
            }
            boolean wildcard = word.equals("*") || word.equals("#");
            if (wildcard && !wildcards) {
                return Optional.of("'" + name + "' is not a valid " + what + ": wildcards (* and #) are only for"
                        + " patterns");
            }
            if (!wildcard && !WORD.matcher(word).matches()) {
                return Optional.of("'" + name + "' is not a valid " + what + ": word '" + word + "' may only hold"
                        + " letters, digits, '_' and '-'" + (wildcards ? ", or be * or #" : ""));
            }
        }
        return Optional.empty();
    }
}
