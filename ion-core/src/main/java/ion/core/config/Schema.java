package ion.core.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set of known settings and their types, taken from the defaults document, together with the default values.
 * Immutable.
 */
final class Schema {
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final String source;
    private final Map<String, ValueType> types;
    private final Map<String, Object> defaults;
    private final Set<String> sections;

    private Schema(String source, Map<String, ValueType> types, Map<String, Object> defaults, Set<String> sections) {
        this.source = source;
        this.types = Collections.unmodifiableMap(types);
        this.defaults = Collections.unmodifiableMap(defaults);
        this.sections = Collections.unmodifiableSet(sections);
    }

    /**
     * Builds the schema from a parsed defaults document.
     *
     * @throws ConfigException listing every key whose default cannot serve as a type
     */
    static Schema fromDocument(Map<?, ?> document, String source) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Set<String> sections = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        collect(document, "", source, types, defaults, sections, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Schema(source, types, defaults, sections);
    }

    private static void collect(Map<?, ?> map, String prefix, String source, Map<String, ValueType> types,
            Map<String, Object> defaults, Set<String> sections, List<String> problems) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.isEmpty() || name.contains(".")) {
                problems.add(source + ": key " + Values.describeRaw(entry.getKey())
                        + inSection(prefix) + " must be non-empty text without dots");
                continue;
            }
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> child) {
                sections.add(key);
                collect(child, key, source, types, defaults, sections, problems);
                continue;
            }
            Optional<ValueType> type = typeOfDefault(value);
            if (type.isEmpty()) {
                problems.add(source + ": key '" + key + "': a default must be a string, integer, boolean, duration"
                        + " or size, got " + Values.describeRaw(value));
                continue;
            }
            try {
                defaults.put(key, Values.coerce(type.get(), value, Values.isSecret(key)));
                types.put(key, type.get());
            } catch (IllegalArgumentException e) {
                problems.add(source + ": key '" + key + "': " + e.getMessage());
            }
        }
    }

    private static String inSection(String prefix) {
        return prefix.isEmpty() ? "" : " in section '" + prefix + "'";
    }

    private static Optional<ValueType> typeOfDefault(Object value) {
        if (value instanceof String s) {
            if (Durations.hasDurationForm(s)) {
                return Optional.of(ValueType.DURATION);
            }
            if (Sizes.hasSizeFormWithUnit(s)) {
                return Optional.of(ValueType.SIZE);
            }
            return Optional.of(ValueType.STRING);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return Optional.of(ValueType.INTEGER);
        }
        if (value instanceof Boolean) {
            return Optional.of(ValueType.BOOLEAN);
        }
        return Optional.empty();
    }

    /** Where the defaults came from, for messages. */
    String source() {
        return source;
    }

    /** The type of a setting, if {@code key} is a setting (not a section). */
    Optional<ValueType> type(String key) {
        return Optional.ofNullable(types.get(key));
    }

    /** True if {@code key} names a section: a map in the defaults, possibly nested. */
    boolean isSection(String key) {
        return sections.contains(key);
    }

    /** All setting keys, in the order of the defaults document. */
    Set<String> keys() {
        return types.keySet();
    }

    /** All setting types by key, in the order of the defaults document. */
    Map<String, ValueType> types() {
        return types;
    }

    /** The canonical default values by key. */
    Map<String, Object> defaults() {
        return defaults;
    }

    /**
     * Suggests the known key or section nearest to an unknown one: the closest within an edit distance of
     * {@value #MAX_SUGGESTION_DISTANCE}, otherwise a setting whose last segment is the same.
     */
    Optional<String> suggest(String unknown) {
        String best = null;
        int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
        for (String candidate : candidates()) {
            int d = editDistance(unknown, candidate, bestDistance);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        String last = lastSegment(unknown);
        return types.keySet().stream().filter(k -> lastSegment(k).equals(last)).findFirst();
    }

    /** A message for an unknown key, with a suggestion when there is a near one. */
    String unknownKeyMessage(String key) {
        return unknownMessage("key", key);
    }

    /** A message for an unknown section name, with a suggestion when there is a near key or section. */
    String unknownSectionMessage(String section) {
        return unknownMessage("section", section);
    }

    private String unknownMessage(String what, String name) {
        return "unknown " + what + " '" + name + "'" + suggest(name).map(s -> "; did you mean '" + s + "'?")
                .orElse(" (every setting must appear in the defaults, " + source + ")");
    }

    private List<String> candidates() {
        List<String> all = new ArrayList<>(types.keySet());
        all.addAll(sections);
        return all;
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once it cannot be below {@code limit}. */
    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], limit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && types.equals(other.types) && sections.equals(other.sections);
    }

    @Override
    public int hashCode() {
        return types.hashCode() * 31 + sections.hashCode();
    }
}
