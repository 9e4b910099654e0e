package ion.core.app;

import java.util.Objects;
import java.util.Optional;

/**
 * An application another one needs started first.
 *
 * @param name the application's name
 * @param version the exact version required, if any
 */
public record AppDependency(String name, Optional<String> version) {
    public AppDependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return name + version.map(v -> " " + v).orElse("");
    }
}
