package ion.services.registry;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.services.support.RecordCodec;
import ion.services.support.RequestContent;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import ion.store.IndexStore;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code association} service: subject-predicate-object triples between resources, found by any of their
 * parts. Content and replies are plain maps; an association travels in the form of {@link Association#toMap()}.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code associate}</td><td>{@code {subject, predicate, object}}</td><td>{@code {id}}: a new UUID, or
 *       the id of the equal triple stored already (associating is idempotent)</td></tr>
 *   <tr><td>{@code find}</td><td>{@code {subject?, predicate?, object?}} (at least one)</td><td>the triples
 *       matching all given parts, ordered by id</td></tr>
 *   <tr><td>{@code remove}</td><td>{@code {id}}</td><td>{@code {id}} of the removed triple</td></tr>
 * </table>
 *
 * Errors are ERROR replies: an unknown id gets {@link ResponseCodes#APP_RESOURCE_NOT_FOUND}; content that is not
 * a map and a missing or ill-typed field get {@link ResponseCodes#BAD_REQUEST} naming the field.
 *
 * <p>The service is independent of {@link ResourceRegistryService}: subjects and objects are taken as resource
 * ids without asking the registry whether they exist, so that associations can be made without the registry
 * running and without a round trip per triple.
 *
 * <p><b>Storage.</b> One index store, {@value #STORE_NAME}, indexed by {@code subject}, {@code predicate} and
 * {@code object}, in the backend chosen by the spawn argument {@code store-dir} (the embedded durable store in
 * that directory; without it, memory private to this instance), closed when the service terminates.
 */
public class AssociationService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "association";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "association";

    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");
    private static final List<String> PARTS = List.of("subject", "predicate", "object");

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    /** Stores a triple, unless an equal one is stored, and answers its id. */
    @Op("associate")
    public void associate(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("associate", request);
            String subject = f.requiredString("subject");
            String predicate = f.requiredString("predicate");
            String object = f.requiredString("object");
            List<IndexStore.Hit> existing = store().query(List.of(Predicate.eq("subject", subject),
                    Predicate.eq("predicate", predicate), Predicate.eq("object", object)));
            String id;
            if (existing.isEmpty()) {
                Association a = new Association(UUID.randomUUID().toString(), subject, predicate, object);
                store().put(key(a.id()), RecordCodec.encode(a.toMap()),
                        Map.of("subject", subject, "predicate", predicate, "object", object));
                id = a.id();
            } else {
                id = Association.fromMap(RecordCodec.decode(existing.getFirst().value())).id();
            }
            return Map.of("id", id);
        });
    }

    /** The triples whose subject, predicate and object equal those given. */
    @Op("find")
    public void find(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("find", request);
            List<Predicate> predicates = new ArrayList<>();
            for (String part : PARTS) {
                f.optionalNonBlank(part).ifPresent(v -> predicates.add(Predicate.eq(part, v)));
            }
            if (predicates.isEmpty()) {
                throw RequestContent.badRequest("op 'find' needs at least one of the fields 'subject', 'predicate', "
                        + "'object'");
            }
            return store().query(predicates).stream()
                    .map(hit -> Association.fromMap(RecordCodec.decode(hit.value())).toMap())
                    .toList();
        });
    }

    /** Removes a triple by its id. */
    @Op("remove")
    public void remove(Message request) {
        answer(request, () -> {
            String id = RequestContent.of("remove", request).requiredString("id");
            if (!store().remove(key(id))) {
                throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "no association with id " + id);
            }
            return Map.of("id", id);
        });
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
