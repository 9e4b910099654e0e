package ion.core.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which events a subscriber hears: by id, by origin, or both. It becomes the binding key
 * {@code <id or *>.<origin pattern or #>} on the events exchange point.
 *
 * <p>The origin pattern uses the AMQP wildcards word by word: {@code *} is exactly one word, {@code #} zero or more.
 * So {@code 1001.*} hears the events with id 1001 whose origin is one word (every resource: resource ids have no
 * dots), {@code 1051.#} every container event whatever its origin, {@code *.<container-id>} every event of one
 * container, and {@code *.#} everything. An origin without wildcards matches only itself.
 *
 * @param id the event id heard; empty for every id
 * @param originPattern the origin pattern; {@code #} for every origin
 */
public record EventFilter(OptionalInt id, String originPattern) {
    /** Checks the id and the pattern. */
    public EventFilter {
        Objects.requireNonNull(id, "id");
        id.ifPresent(Events::checkId);
        checkPattern(originPattern);
    }

    /** Every event. */
    public static EventFilter all() {
        return new EventFilter(OptionalInt.empty(), "#");
    }

    /** Every event with this id, whatever its origin. */
    public static EventFilter byId(int id) {
        return new EventFilter(OptionalInt.of(id), "#");
    }

    /** Every event of a catalogued type, whatever its origin. */
    public static EventFilter byType(EventType type) {
        return byId(type.id());
    }

    /** Every event whose origin matches the pattern, whatever its id. */
    public static EventFilter byOrigin(String originPattern) {
        return new EventFilter(OptionalInt.empty(), originPattern);
    }

    /** Events with this id whose origin matches the pattern. */
    public static EventFilter of(int id, String originPattern) {
        return new EventFilter(OptionalInt.of(id), originPattern);
    }

    /**
     * Reads a binding key such as {@code 1001.*}, {@code *.#} or {@code 1051.host.4711}: the first word is an id or
     * {@code *}, the rest the origin pattern ({@code #} when there is none, so {@code 1001} alone means
     * {@code 1001.#}).
     *
     * @throws InvalidEventException naming what is wrong
     */
    public static EventFilter parse(String bindingKey) {
        if (bindingKey == null || bindingKey.isEmpty()) {
            throw new InvalidEventException("an event binding key must not be empty; use '*.#' for every event");
        }
        int dot = bindingKey.indexOf('.');
        String first = dot < 0 ? bindingKey : bindingKey.substring(0, dot);
        String rest = dot < 0 ? "#" : bindingKey.substring(dot + 1);
        if (first.equals("#")) {
            throw new InvalidEventException("event binding key '" + bindingKey + "' starts with '#'; the first word"
                    + " is an event id or '*'");
        }
        OptionalInt id;
        if (first.equals("*")) {
            id = OptionalInt.empty();
        } else {
            try {
                id = OptionalInt.of(Integer.parseInt(first));
            } catch (NumberFormatException e) {
                throw new InvalidEventException("event binding key '" + bindingKey + "' must start with an event id"
                        + " (a positive number) or '*', not '" + first + "'");
            }
        }
        return new EventFilter(id, rest);
    }

    /** The binding key: {@code <id or *>.<origin pattern>}. */
    public String bindingKey() {
        return (id.isPresent() ? Integer.toString(id.getAsInt()) : "*") + "." + originPattern;
    }

    /** True if an event with this id and origin passes the filter, as the broker decides it. */
    public boolean matches(int eventId, String origin) {
        if (id.isPresent() && id.getAsInt() != eventId) {
            return false;
        }
        return matches(originPattern.split("\\.", -1), 0, origin.split("\\.", -1), 0);
    }

    /** True if the event passes the filter. */
    public boolean matches(Event event) {
        return matches(event.id(), event.origin());
    }

    /** The catalogue entry of the filtered id, if any. */
    public Optional<EventType> type() {
        return id.isPresent() ? EventType.byId(id.getAsInt()) : Optional.empty();
    }

    @Override
    public String toString() {
        return bindingKey();
    }

    private static boolean matches(String[] pattern, int p, String[] words, int w) {
        while (p < pattern.length) {
            String word = pattern[p];
            if (word.equals("#")) {
                for (int skip = w; skip <= words.length; skip++) {
                    if (matches(pattern, p + 1, words, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (w >= words.length || !(word.equals("*") || word.equals(words[w]))) {
                return false;
            }
            p++;
            w++;
        }
        return w == words.length;
    }

    private static void checkPattern(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidEventException("an origin pattern must not be empty; use '#' for every origin");
        }
        for (String w : pattern.split("\\.", -1)) {
            if (w.isEmpty()) {
                throw new InvalidEventException("origin pattern '" + pattern + "' has an empty word (a leading,"
                        + " trailing or double dot)");
            }
            boolean wildcard = w.equals("*") || w.equals("#");
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (!wildcard && (c == '*' || c == '#')) {
                    throw new InvalidEventException("origin pattern '" + pattern + "' has '" + c + "' inside the"
                            + " word '" + w + "'; a wildcard must be a whole word");
                }
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw new InvalidEventException("origin pattern '" + pattern + "' contains white space or a"
                            + " control character");
                }
            }
        }
    }
}
