package ion.core.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A release: the applications to start together, with pinned versions and per-application configuration.
 *
 * @param name the release name
 * @param version the release version
 * @param description what it is for
 * @param apps the applications, in the order given (dependencies still start first)
 * @param source the file it was read from
 */
public record ReleaseDescriptor(String name, String version, String description, List<Entry> apps, Path source) {
    public ReleaseDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        apps = List.copyOf(apps);
    }

    /**
     * One application of a release.
     *
     * @param name the application name (its file is {@code <name>.app} in the application directory)
     * @param version the exact version the release requires
     * @param config configuration handed to the application's entry class
     */
    public record Entry(String name, String version, Map<String, Object> config) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            config = Map.copyOf(config);
        }
    }
}
