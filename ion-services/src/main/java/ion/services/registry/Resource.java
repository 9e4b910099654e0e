package ion.services.registry;

import ion.core.messaging.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a registered resource, as the {@code resource_registry} service sends it: a map with the keys
 * {@code id}, {@code type}, {@code name}, {@code description}, {@code state} (a {@link LifeCycleState} label),
 * {@code version}, {@code created} and {@code updated} (milliseconds since the epoch).
 *
 * @param id the resource id, a UUID string, the same for all versions
 * @param type the resource type, e.g. {@code instrument}
 * @param name the resource name
 * @param description the description, possibly empty
 * @param state the life-cycle state
 * @param version 1 for the registered resource, one more for every change
 * @param created when the resource was registered (ms since the epoch)
 * @param updated when this version was made (ms since the epoch)
 */
public record Resource(String id, String type, String name, String description, LifeCycleState state, int version,
        long created, long updated) {
    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        if (version < 1) {
            throw new IllegalArgumentException("a resource version starts at 1, was " + version);
        }
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", type);
        m.put("name", name);
        m.put("description", description);
        m.put("state", state.label());
        m.put("version", version);
        m.put("created", created);
        m.put("updated", updated);
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or of the wrong type
     * @throws IllegalArgumentException if the state is not a life-cycle state
     */
    public static Resource fromMap(Map<?, ?> m) {
        String stateLabel = Message.convert(m.get("state"), String.class, "state");
        return new Resource(
                Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("type"), String.class, "type"),
                Message.convert(m.get("name"), String.class, "name"),
                Message.convert(m.get("description"), String.class, "description"),
                LifeCycleState.fromLabel(stateLabel).orElseThrow(() -> new IllegalArgumentException(
                        "'" + stateLabel + "' is not a life-cycle state")),
                Message.convert(m.get("version"), Integer.class, "version"),
                Message.convert(m.get("created"), Long.class, "created"),
                Message.convert(m.get("updated"), Long.class, "updated"));
    }

    /** This resource changed into the next version at {@code now}. */
    Resource next(String newName, String newDescription, LifeCycleState newState, long now) {
        return new Resource(id, type, newName, newDescription, newState, version + 1, created, now);
    }
}
