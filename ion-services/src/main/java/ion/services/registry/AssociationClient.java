package ion.services.registry;

import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import java.util.List;
import java.util.Map;

/**
 * Calls the {@code association} service of the caller's system. Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR.
 */
public class AssociationClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public AssociationClient(Process caller) {
        super(caller, AssociationService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public AssociationClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /** Associates {@code subject} with {@code object} by {@code predicate}; returns the association's id. */
    public String associate(String subject, String predicate, String object) {
        Map<?, ?> reply = rpc("associate", Map.of("subject", subject, "predicate", predicate, "object", object))
                .contentAs(Map.class);
        return Message.convert(reply.get("id"), String.class, "id");
    }

    /** The associations whose subject is {@code subject}. */
    public List<Association> findBySubject(String subject) {
        return find(Map.of("subject", subject));
    }

    /** The associations whose object is {@code object}. */
    public List<Association> findByObject(String object) {
        return find(Map.of("object", object));
    }

    /** The associations with this predicate. */
    public List<Association> findByPredicate(String predicate) {
        return find(Map.of("predicate", predicate));
    }

    /**
     * The associations matching every field of {@code query}: any of {@code subject}, {@code predicate},
     * {@code object}.
     */
    public List<Association> find(Map<String, ?> query) {
        List<?> found = rpc("find", query).contentAs(List.class);
        return found.stream().map(a -> Association.fromMap(Message.convert(a, Map.class, "association"))).toList();
    }

    /** Removes an association by its id. */
    public void remove(String id) {
        rpc("remove", Map.of("id", id));
    }
}
