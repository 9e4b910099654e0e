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
 * @param parent the parent process, whose termination terminates this one and which is told when this one ends
 * @param failFast whether a handler that throws terminates the process (it crashes); empty means the container's
 *        {@link ProcessSettings#failFast()}
 */
public record SpawnOptions(Optional<String> name, Map<String, Object> args, boolean activate,
        Optional<ProcessId> parent, Optional<Boolean> failFast) {

    public SpawnOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(failFast, "failFast");
        args = Map.copyOf(args);
    }

    /** No name, no arguments, activated, no parent, the container's fail-fast setting. */
    public static SpawnOptions defaults() {
        return new SpawnOptions(Optional.empty(), Map.of(), true, Optional.empty(), Optional.empty());
    }

    public SpawnOptions withName(String processName) {
        return new SpawnOptions(Optional.of(processName), args, activate, parent, failFast);
    }

    public SpawnOptions withArgs(Map<String, ?> spawnArgs) {
        return new SpawnOptions(name, Map.copyOf(spawnArgs), activate, parent, failFast);
    }

    /** Leaves the process READY after spawning; {@link Process#activate()} starts it. */
    public SpawnOptions withoutActivation() {
        return new SpawnOptions(name, args, false, parent, failFast);
    }

    public SpawnOptions withParent(ProcessId parentId) {
        return new SpawnOptions(name, args, activate, Optional.of(parentId), failFast);
    }

    /**
     * Overrides the container's fail-fast setting for this process: on, a handler that throws crashes the process
     * ("let it crash", for supervised workers); off, the process answers with an ERROR reply and keeps serving.
     */
    public SpawnOptions withFailFast(boolean on) {
        return new SpawnOptions(name, args, activate, parent, Optional.of(on));
    }
}
