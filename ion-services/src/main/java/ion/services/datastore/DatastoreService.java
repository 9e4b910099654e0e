package ion.services.datastore;

import com.google.protobuf.ByteString;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.object.ObjectException;
import ion.object.ObjectKey;
import ion.object.repository.Repository;
import ion.object.repository.RepositoryException;
import ion.services.registry.RequestException;
import ion.services.registry.StoreBackedService;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code datastore} service: keeps versioned {@linkplain Repository repositories}, pushed and pulled whole in
 * the packed form of {@link Repository#pack()}. Content and replies are maps and binary, so no GPB interceptor
 * is needed.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code push}</td><td>{@code {id, repository}}: the repository id and its packed bytes</td>
 *       <td>{@code {id, branches, commits}}: each branch's head (hex) and the number of commits now held</td></tr>
 *   <tr><td>{@code pull}</td><td>{@code {id}}</td><td>the packed bytes of the repository</td></tr>
 *   <tr><td>{@code list}</td><td>anything</td><td>the ids of the repositories held, in ascending order</td></tr>
 * </table>
 *
 * <p>A push is accepted only as a fast-forward: for every branch already held with a head, the pushed
 * repository must have that branch and the held head must be its head or one of its ancestors; otherwise it is
 * refused with {@link ResponseCodes#APP_RESOURCE_DIVERGED}, naming the branch, and nothing changes. Bytes that do
 * not unpack into a repository with the given id are refused with {@link ResponseCodes#BAD_REQUEST} and the
 * reason; an unknown id on pull gets {@link ResponseCodes#APP_RESOURCE_NOT_FOUND}.
 *
 * <p><b>Storage.</b> One index store, {@value #STORE_NAME}, in the backend chosen by the spawn argument
 * {@code store-dir} (the embedded durable store in that directory, else memory private to this instance). Each
 * repository's packed bytes are stored under its id with the attribute {@code kind=repository}.
 */
public class DatastoreService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "datastore";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "datastore";

    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");
    private static final String KEY_PREFIX = "repository/";
    private static final Map<String, String> ATTRIBUTES = Map.of("kind", "repository");

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    /** Stores a pushed repository if it fast-forwards every branch held for its id. */
    @Op("push")
    public void push(Message request) {
        answer(request, () -> {
            Map<?, ?> content = map("push", request);
            String id = string("push", content, "id");
            Object bytes = content.get("repository");
            if (!(bytes instanceof byte[] packed)) {
                throw badRequest("op 'push' needs field 'repository' (the packed bytes) but got "
                        + Message.describeType(bytes));
            }
            Repository pushed = unpack(id, packed);
            Map<String, Object> summary = summary(pushed);
            stored(id).ifPresent(held -> checkFastForward(held, pushed));
            store().put(key(id), packed, ATTRIBUTES);
            return summary;
        });
    }

    /** The packed bytes of a repository. */
    @Op("pull")
    public void pull(Message request) {
        answer(request, () -> {
            String id = string("pull", map("pull", request), "id");
            return store().get(key(id)).orElseThrow(() -> new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND,
                    "no repository with id " + id));
        });
    }

    /** The ids of the repositories held. */
    @Op("list")
    public void list(Message request) {
        answer(request, () -> store().query(List.of(Predicate.eq("kind", "repository"))).stream()
                .map(hit -> new String(hit.key().toArray(), StandardCharsets.UTF_8)
                        .substring(KEY_PREFIX.length()))
                .toList());
    }

    private Optional<Repository> stored(String id) {
        return store().get(key(id)).map(bytes -> Repository.builder(id).unpack(ByteString.copyFrom(bytes)));
    }

    /** The repository in {@code packed}, with every commit reachable from its heads present. */
    private static Repository unpack(String id, byte[] packed) {
        try {
            Repository repository = Repository.builder(id).unpack(ByteString.copyFrom(packed));
            for (String branch : repository.branches()) {
                repository.head(branch).ifPresent(head -> ancestors(repository, head));
            }
            return repository;
        } catch (ObjectException | RepositoryException | IllegalArgumentException e) {
            throw badRequest("op 'push': the bytes are not a packed repository " + id + ": " + e.getMessage());
        }
    }

    private static void checkFastForward(Repository held, Repository pushed) {
        for (String branch : held.branches()) {
            Optional<ObjectKey> heldHead = held.head(branch);
            if (heldHead.isEmpty()) {
                continue;
            }
            if (!pushed.branches().contains(branch)) {
                throw diverged(held.id(), branch, "the push does not have the branch");
            }
            Optional<ObjectKey> pushedHead = pushed.head(branch);
            if (pushedHead.isEmpty() || !ancestors(pushed, pushedHead.get()).contains(heldHead.get())) {
                throw diverged(held.id(), branch, "the held head " + heldHead.get()
                        + " is not an ancestor of the pushed head");
            }
        }
    }

    private static RequestException diverged(String id, String branch, String reason) {
        return new RequestException(ResponseCodes.APP_RESOURCE_DIVERGED, "repository " + id + ", branch '"
                + branch + "' has diverged: " + reason);
    }

    /** The commit and every commit reachable from it through any parent. */
    private static Set<ObjectKey> ancestors(Repository repository, ObjectKey head) {
        Set<ObjectKey> seen = new HashSet<>();
        Deque<ObjectKey> todo = new ArrayDeque<>(List.of(head));
        while (!todo.isEmpty()) {
            ObjectKey next = todo.removeFirst();
            if (seen.add(next)) {
                todo.addAll(repository.commitInfo(next).parents());
            }
        }
        return seen;
    }

    private static Map<String, Object> summary(Repository repository) {
        Map<String, Object> branches = new LinkedHashMap<>();
        Set<ObjectKey> commits = new HashSet<>();
        for (String branch : repository.branches()) {
            repository.head(branch).ifPresent(head -> {
                branches.put(branch, head.toString());
                commits.addAll(ancestors(repository, head));
            });
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", repository.id());
        reply.put("branches", branches);
        reply.put("commits", commits.size());
        return reply;
    }

    private static Map<?, ?> map(String op, Message request) {
        return request.content().filter(Map.class::isInstance).map(Map.class::cast)
                .orElseThrow(() -> badRequest("op '" + op + "' needs a map as content but got "
                        + request.content().map(Message::describeType).orElse("nil")));
    }

    private static String string(String op, Map<?, ?> content, String field) {
        if (content.get(field) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw badRequest("op '" + op + "' needs field '" + field + "' (a non-empty string)");
    }

    private static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }

    private static byte[] key(String id) {
        return (KEY_PREFIX + id).getBytes(StandardCharsets.UTF_8);
    }
}
