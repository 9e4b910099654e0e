package ion.core.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An application as its {@code .app} file declares it.
 *
 * @param name the unique application name
 * @param description what it is for
 * @param version its version
 * @param entryClass the {@link Application} implementation that starts and stops it
 * @param entryArgs arguments for the entry class
 * @param processes the processes it runs under its supervisor, in start order
 * @param registers the names it registers (informational, shown in listings)
 * @param dependencies the applications it needs started first
 * @param source the file it was read from
 */
public record AppDescriptor(String name, String description, String version, String entryClass,
        Map<String, Object> entryArgs, List<AppProcess> processes, List<String> registers,
        List<AppDependency> dependencies, Path source) {
    public AppDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(entryClass, "entryClass");
        Objects.requireNonNull(source, "source");
        entryArgs = Map.copyOf(entryArgs);
        processes = List.copyOf(processes);
        registers = List.copyOf(registers);
        dependencies = List.copyOf(dependencies);
    }
}
