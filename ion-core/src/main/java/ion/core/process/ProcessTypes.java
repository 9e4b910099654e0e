package ion.core.process;

import ion.core.process.spi.ProcessTypeProvider;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The process types a container can spawn by name: those contributed by every
 * {@link ProcessTypeProvider} on the class path, plus any registered programmatically. Immutable.
 */
public final class ProcessTypes {
    private final Map<String, ProcessType> types;

    private ProcessTypes(Map<String, ProcessType> types) {
        this.types = Map.copyOf(types);
    }

    /** No types. */
    public static ProcessTypes empty() {
        return new ProcessTypes(Map.of());
    }

    /**
     * The types of every provider found with {@link ServiceLoader}.
     *
     * @throws IllegalStateException if two providers register the same name
     */
    public static ProcessTypes discover() {
        ProcessTypes result = empty();
        for (ProcessTypeProvider provider : ServiceLoader.load(ProcessTypeProvider.class)) {
            for (ProcessType t : provider.processTypes()) {
                result = result.with(t);
            }
        }
        return result;
    }

    /**
     * These types plus one more.
     *
     * @throws IllegalStateException if the name is taken
     */
    public ProcessTypes with(ProcessType type) {
        if (types.containsKey(type.name())) {
            throw new IllegalStateException("process type '" + type.name() + "' is registered twice");
        }
        Map<String, ProcessType> copy = new TreeMap<>(types);
        copy.put(type.name(), type);
        return new ProcessTypes(copy);
    }

    /** The type with this name, if registered. */
    public Optional<ProcessType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /**
     * The type with this name.
     *
     * @throws UnknownProcessTypeException if there is none
     */
    public ProcessType get(String name) {
        return find(name).orElseThrow(() -> new UnknownProcessTypeException(name, names()));
    }

    /** All registered names, sorted. */
    public Collection<String> names() {
        return new TreeMap<>(types).keySet();
    }
}
