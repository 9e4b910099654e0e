package ion.services.registry;

import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the {@code resource_registry} service of the caller's system. Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR (its {@code responseCode()} is
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_NOT_FOUND} for an unknown id,
 * {@link ion.core.messaging.ResponseCodes#BAD_REQUEST} for bad input or an illegal transition).
 */
public class ResourceRegistryClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public ResourceRegistryClient(Process caller) {
        super(caller, ResourceRegistryService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public ResourceRegistryClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /** Registers a new resource; it starts at version 1 in state {@code New}. */
    public Resource register(String type, String name, String description) {
        return resource(rpc("register", Map.of("type", type, "name", name, "description", description))
                .contentAs(Map.class));
    }

    /** The latest version of a resource. */
    public Resource get(String id) {
        return resource(rpc("get", Map.of("id", id)).contentAs(Map.class));
    }

    /** One version of a resource. */
    public Resource get(String id, int version) {
        return resource(rpc("get", Map.of("id", id, "version", version)).contentAs(Map.class));
    }

    /** Renames a resource and changes its description; returns the new version. */
    public Resource update(String id, String name, String description) {
        return resource(rpc("update", Map.of("id", id, "name", name, "description", description))
                .contentAs(Map.class));
    }

    /** Moves a resource to another life-cycle state; returns the new version. */
    public Resource setState(String id, LifeCycleState state) {
        return resource(rpc("set_state", Map.of("id", id, "state", state.label())).contentAs(Map.class));
    }

    /** The resources of this type. */
    public List<Resource> findByType(String type) {
        return find(Map.of("type", type));
    }

    /** The resources of this name. */
    public List<Resource> findByName(String name) {
        return find(Map.of("name", name));
    }

    /** The resources in this state. */
    public List<Resource> findByState(LifeCycleState state) {
        return find(Map.of("state", state.label()));
    }

    /** The resources of this type in this state. */
    public List<Resource> find(String type, LifeCycleState state) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("type", type);
        query.put("state", state.label());
        return find(query);
    }

    /**
     * The resources matching every field of {@code query}: any of {@code type}, {@code name} and {@code state}
     * (a {@link LifeCycleState#label()}).
     */
    public List<Resource> find(Map<String, ?> query) {
        List<?> found = rpc("find", query).contentAs(List.class);
        return found.stream().map(r -> resource(Message.convert(r, Map.class, "resource")))
                .toList();
    }

    private static Resource resource(Map<?, ?> map) {
        return Resource.fromMap(map);
    }
}
