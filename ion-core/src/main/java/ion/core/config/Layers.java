package ion.core.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates the values of one configuration layer against the schema and merges them over the layers below. */
final class Layers {
    private Layers() {
    }

    /** A typed value and the layer it came from. */
    record Setting(Object value, String source) {
    }

    /**
     * Validates a parsed YAML document and, key by key, lays its values over {@code target}. Maps merge
     * recursively; a dotted key inside the document is read as a path. Problems are added to {@code problems}.
     */
    static void applyDocument(Schema schema, Map<?, ?> document, String source, Map<String, Setting> target,
            List<String> problems) {
        Map<String, Setting> layer = new LinkedHashMap<>();
        walk(schema, document, "", source, layer, problems);
        target.putAll(layer);
    }

    private static void walk(Schema schema, Map<?, ?> map, String prefix, String source, Map<String, Setting> layer,
            List<String> problems) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                problems.add(source + ": key " + Values.describeRaw(entry.getKey())
                        + (prefix.isEmpty() ? "" : " in section '" + prefix + "'") + " is not text; "
                        + "put it in quotes or correct it");
                continue;
            }
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            Object value = entry.getValue();
            if (schema.type(key).isPresent()) {
                if (layer.containsKey(key)) {
                    problems.add(source + ": key '" + key + "' is set more than once");
                    continue;
                }
                convert(schema, key, key, value, source, problems).ifPresent(s -> layer.put(key, s));
            } else if (schema.isSection(key)) {
                if (value instanceof Map<?, ?> child) {
                    walk(schema, child, key, source, layer, problems);
                } else {
                    problems.add(source + ": key '" + key + "' is a section, so it needs indented keys below it,"
                            + " but it was given " + Values.describeRaw(value));
                }
            } else {
                problems.add(source + ": " + schema.unknownKeyMessage(key));
            }
        }
    }

    /**
     * Validates one {@code -a} argument, {@code key=value[,key=value...]}, and lays its values over {@code target}.
     * Keys and values are stripped of surrounding white space; empty entries are ignored.
     */
    static void applyArguments(Schema schema, String argument, Map<String, String> aliases,
            Map<String, Setting> target, List<String> problems) {
        Map<String, Setting> layer = new LinkedHashMap<>();
        for (String entry : argument.split(",", -1)) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                problems.add(Config.SOURCE_ARGUMENT + ": " + Values.quote(entry.strip())
                        + " is not key=value; expected key=value[,key=value...], such as process.rpc-timeout=5s");
                continue;
            }
            String given = entry.substring(0, eq).strip();
            String key = aliases.getOrDefault(given, given);
            String value = entry.substring(eq + 1).strip();
            if (layer.containsKey(key)) {
                problems.add(Config.SOURCE_ARGUMENT + ": key '" + key + "' is set more than once");
                continue;
            }
            validateKey(schema, key, given, Config.SOURCE_ARGUMENT, problems)
                    .flatMap(k -> convert(schema, k, given, value, Config.SOURCE_ARGUMENT, problems))
                    .ifPresent(s -> layer.put(key, s));
        }
        target.putAll(layer);
    }

    /**
     * Validates one programmatic value for {@code key} (already resolved from any alias) and lays it over
     * {@code target}.
     */
    static void applySetting(Schema schema, String key, String given, Object value, Map<String, Setting> target,
            List<String> problems) {
        validateKey(schema, key, given, Config.SOURCE_PROGRAMMATIC, problems)
                .flatMap(k -> convert(schema, k, given, value, Config.SOURCE_PROGRAMMATIC, problems))
                .ifPresent(s -> target.put(key, s));
    }

    private static Optional<String> validateKey(Schema schema, String key, String given, String source,
            List<String> problems) {
        if (schema.type(key).isPresent()) {
            return Optional.of(key);
        }
        if (schema.isSection(key)) {
            problems.add(source + ": key '" + key + "' is a section, not a setting; give one of its keys, such as '"
                    + schema.keys().stream().filter(k -> k.startsWith(key + ".")).findFirst().orElse(key) + "'");
        } else {
            problems.add(source + ": " + schema.unknownKeyMessage(given));
        }
        return Optional.empty();
    }

    private static Optional<Setting> convert(Schema schema, String key, String given, Object raw, String source,
            List<String> problems) {
        ValueType type = schema.type(key).orElseThrow();
        try {
            return Optional.of(new Setting(Values.coerce(type, raw, Values.isSecret(key)), source));
        } catch (IllegalArgumentException e) {
            String shownKey = given.equals(key) ? "'" + key + "'" : "'" + key + "' (given as '" + given + "')";
            problems.add(source + ": key " + shownKey + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
