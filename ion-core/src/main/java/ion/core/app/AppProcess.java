package ion.core.app;

import ion.core.supervision.RestartType;
import java.util.Map;
import java.util.Objects;

/**
 * One process an application runs.
 *
 * @param type the registered process type to spawn (see {@link ion.core.process.ProcessTypes})
 * @param name the process name
 * @param restart when its supervisor restarts it
 * @param args spawn arguments
 */
public record AppProcess(String type, String name, RestartType restart, Map<String, Object> args) {
    public AppProcess {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(restart, "restart");
        args = Map.copyOf(args);
    }
}
