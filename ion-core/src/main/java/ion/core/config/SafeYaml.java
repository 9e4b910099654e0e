package ion.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a YAML file the safe way configuration files are read (standard YAML types only, duplicate keys refused,
 * size, nesting and aliases limited), for other descriptor files such as applications and releases.
 */
public final class SafeYaml {
    private SafeYaml() {
    }

    /**
     * The top-level map of a YAML file; empty for an empty file.
     *
     * @throws ConfigException naming the file (and line, for a syntax error) when it cannot be read or its top
     *         level is not a map
     */
    public static Map<?, ?> readMap(Path file) {
        return YamlDocuments.parseMap(YamlDocuments.readFile(file), file.toString()).orElse(Map.of());
    }
}
