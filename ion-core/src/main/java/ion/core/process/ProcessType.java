package ion.core.process;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A kind of process that can be spawned by name ({@code --spawn hello}, the shell, the container agent).
 *
 * @param name the name users spawn it by
 * @param description one line saying what it does
 * @param factory makes a new, unspawned instance each time
 */
public record ProcessType(String name, String description, Supplier<? extends Process> factory) {
    public ProcessType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(factory, "factory");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a process type needs a name");
        }
    }
}
