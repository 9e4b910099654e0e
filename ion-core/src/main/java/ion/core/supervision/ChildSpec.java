package ion.core.supervision;

import ion.core.process.Process;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One child of a {@link Supervisor}: how to make it and when to restart it. A child is made either by a factory,
 * which must return a new, unspawned instance on every call, or from a process type registered with the container.
 * The spawned process is named after {@code id} and gets {@code args} as its spawn arguments.
 *
 * @param id the child's name within its supervisor; unique there
 * @param factory makes a new instance; empty if {@code typeName} is given
 * @param typeName a registered process type; empty if {@code factory} is given
 * @param args spawn arguments
 * @param restart when the child is restarted
 */
public record ChildSpec(String id, Optional<Supplier<? extends Process>> factory, Optional<String> typeName,
        Map<String, Object> args, RestartType restart) {

    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(restart, "restart");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a child id must not be blank");
        }
        if (factory.isPresent() == typeName.isPresent()) {
            throw new IllegalArgumentException("child '" + id + "' needs exactly one of a factory and a type name");
        }
        args = Map.copyOf(args);
    }

    /** A permanent child made by {@code factory}, without spawn arguments. */
    public static ChildSpec of(String id, Supplier<? extends Process> factory) {
        return new ChildSpec(id, Optional.of(factory), Optional.empty(), Map.of(), RestartType.PERMANENT);
    }

    /** A permanent child of a registered process type, without spawn arguments. */
    public static ChildSpec ofType(String id, String typeName) {
        return new ChildSpec(id, Optional.empty(), Optional.of(typeName), Map.of(), RestartType.PERMANENT);
    }

    /** This child with another restart type. */
    public ChildSpec withRestart(RestartType type) {
        return new ChildSpec(id, factory, typeName, args, type);
    }

    /** This child with these spawn arguments. */
    public ChildSpec withArgs(Map<String, ?> spawnArgs) {
        return new ChildSpec(id, factory, typeName, Map.copyOf(spawnArgs), restart);
    }
}
