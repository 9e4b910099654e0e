package ion.core.process;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to spawn a process.
 *
 * @param name the process name; empty means the type name or class name
 * @param args spawn arguments, available to the process as {@link Process#spawnArgs()}
 * @param activate activate after initializing; otherwise the process stays READY, holding its messages
 * @param parent the parent process, whose termination terminates this one
 */
public record SpawnOptions(Optional<String> name, Map<String, Object> args, boolean activate,
        Optional<ProcessId> parent) {

    public SpawnOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        args = Map.copyOf(args);
    }

    /** No name, no arguments, activated, no parent. */
    public static SpawnOptions defaults() {
        return new SpawnOptions(Optional.empty(), Map.of(), true, Optional.empty());
    }

    public SpawnOptions withName(String processName) {
        return new SpawnOptions(Optional.of(processName), args, activate, parent);
    }

    public SpawnOptions withArgs(Map<String, ?> spawnArgs) {
        return new SpawnOptions(name, Map.copyOf(spawnArgs), activate, parent);
    }

    /** Leaves the process READY after spawning; {@link Process#activate()} starts it. */
    public SpawnOptions withoutActivation() {
        return new SpawnOptions(name, args, false, parent);
    }

    public SpawnOptions withParent(ProcessId parentId) {
        return new SpawnOptions(name, args, activate, Optional.of(parentId));
    }
}
