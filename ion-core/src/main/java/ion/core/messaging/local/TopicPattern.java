package ion.core.messaging.local;

import java.util.regex.Pattern;

/** An AMQP topic binding key: words separated by dots, {@code *} matches one word, {@code #} zero or more. */
final class TopicPattern {
    private static final Pattern DOT = Pattern.compile("\\.");

    private final String key;
    private final String[] words;
    private final boolean literal;

    TopicPattern(String key) {
        this.key = key;
        this.words = DOT.split(key, -1);
        boolean hasWildcard = false;
        for (String w : words) {
            if (w.equals("*") || w.equals("#")) {
                hasWildcard = true;
                break;
            }
        }
        this.literal = !hasWildcard;
    }

    String key() {
        return key;
    }

    /** True if the key has no wildcard word, so that it matches only itself. */
    boolean isLiteral() {
        return literal;
    }

    boolean matches(String routingKey) {
        if (literal) {
            return key.equals(routingKey);
        }
        return matches(words, 0, DOT.split(routingKey, -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        while (p < pattern.length) {
            String w = pattern[p];
            if (w.equals("#")) {
                if (p == pattern.length - 1) {
                    return true;
                }
                for (int skip = k; skip <= key.length; skip++) {
                    if (matches(pattern, p + 1, key, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (k >= key.length) {
                return false;
            }
            if (!w.equals("*") && !w.equals(key[k])) {
                return false;
            }
            p++;
            k++;
        }
        return k == key.length;
    }
}
