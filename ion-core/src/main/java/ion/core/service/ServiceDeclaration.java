package ion.core.service;

import java.util.List;
import java.util.Objects;

/**
 * What a service is: its name (the worker queue {@code <sysname>.<name>} all its instances share), its version
 * and the services it needs.
 *
 * @param name the service name
 * @param version the service version, e.g. {@code 0.1.0}
 * @param dependencies names of services this one calls
 */
public record ServiceDeclaration(String name, String version, List<String> dependencies) {
    public ServiceDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        dependencies = List.copyOf(dependencies);
        if (name.isBlank() || name.contains(" ")) {
            throw new IllegalArgumentException("a service name must be one word, was '" + name + "'");
        }
    }

    /** A service with no dependencies. */
    public static ServiceDeclaration of(String name, String version) {
        return new ServiceDeclaration(name, version, List.of());
    }
}
