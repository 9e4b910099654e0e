package ion.services.datastore;

import com.google.protobuf.ByteString;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.object.Element;
import ion.object.ObjectException;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeRegistry;
import ion.object.Unpacked;
import ion.object.repository.Commit;
import ion.object.repository.MissingObjectsException;
import ion.object.repository.Repository;
import ion.object.repository.RepositoryException;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code datastore} service: keeps versioned {@linkplain ion.object.repository.Repository repositories} as
 * their content-addressed elements (commits and objects, each stored once) and each repository's branch heads,
 * and moves between processes only the elements the other side lacks, in batches, as git does. Content and
 * replies are maps (keys as 40 hex digits; a request may also give them as 20 raw bytes); elements travel as the
 * bytes of a head-less {@code Structure} (binary), so no GPB interceptor is needed. {@link DatastoreClient} speaks
 * this protocol.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code negotiate}</td><td>{@code {id, commits}}: the commit keys the caller has</td>
 *       <td>{@code {id, branches, common}}: the heads held (name to key; empty for an unknown id) and those of
 *       the offered commits that are in the held history</td></tr>
 *   <tr><td>{@code put_objects}</td><td>{@code {id, objects}}: a batch of elements</td>
 *       <td>{@code {id, received, stored}}: elements in the batch, elements new to the store</td></tr>
 *   <tr><td>{@code push}</td><td>{@code {id, branches, objects?}}: the new heads, and the last batch</td>
 *       <td>{@code {id, branches, commits, received}}: the heads now held, the number of commits in their
 *       history, the elements in this request</td></tr>
 *   <tr><td>{@code pull}</td><td>{@code {id, have?, max-bytes?, continue?}}: the commit keys the caller has</td>
 *       <td>{@code {id, branches, objects, count, continue?}}: the heads and a batch of the elements reachable
 *       from them that are not reachable from the caller's commits; with {@code continue} the caller asks again,
 *       sending that map back as {@code continue}</td></tr>
 *   <tr><td>{@code fetch}</td><td>{@code {keys}}</td><td>the elements with those keys (binary)</td></tr>
 *   <tr><td>{@code checkout}</td><td>{@code {id, commit?, branch?}} (default: branch {@code master})</td>
 *       <td>{@code {id, commit, objects}}: the commit, its ancestors' commits and the objects of its tree</td></tr>
 *   <tr><td>{@code log}</td><td>{@code {id, branch?}}</td><td>the commits of every branch (or of one), newest
 *       first: {@code {commit, date (ISO-8601), author, comment, parents, branches}}</td></tr>
 *   <tr><td>{@code objects}</td><td>{@code {id}}</td><td>every element reachable from the heads, breadth-first:
 *       {@code {key, type, version, name, size}} (size of the value in bytes)</td></tr>
 *   <tr><td>{@code list}</td><td>anything</td><td>the ids of the repositories held, in ascending order</td></tr>
 * </table>
 *
 * <p><b>Push.</b> The caller negotiates, sends the elements the service lacks with {@code put_objects} (each batch
 * is verified: every key against its value, every type id, every value parses) and ends with {@code push}. Before
 * moving any head the service checks that every element reachable from the new heads is stored (a missing one is
 * refused, named) and that the push fast-forwards: for every branch already held, the held head must be the new
 * head or one of its ancestors, else {@link ResponseCodes#APP_RESOURCE_DIVERGED} naming the branch. The heads
 * then change in one write. Elements of a refused push stay stored but unreferenced; they are content-addressed,
 * so a later push simply finds them present.
 *
 * <p><b>Pull.</b> One request answers the heads and every element the caller lacks, unless that exceeds the
 * batch size (the smaller of the caller's {@code max-bytes} and the spawn argument {@value #BATCH_BYTES_ARG},
 * default {@value #DEFAULT_BATCH_BYTES} bytes; a batch has at least one element): then the reply carries a
 * {@code continue} map (the heads of the first reply and the number of elements sent), so a pull takes a few
 * round trips, never one per level of the graph.
 *
 * <p><b>Errors.</b> Content that is not a map, a missing or ill-typed field, bytes that are not a valid batch of
 * elements (cut short, a key that does not match its value, an unknown type id) and a push that leaves an element
 * missing get {@link ResponseCodes#BAD_REQUEST} with the reason; an unknown repository, commit, branch or fetched
 * key gets {@link ResponseCodes#APP_RESOURCE_NOT_FOUND} naming it. The service keeps serving.
 *
 * <p><b>Storage.</b> One index store, {@value #STORE_NAME}, in the backend chosen by the spawn argument
 * {@code store-dir} (the embedded durable store in that directory, else memory private to this instance), laid
 * out as {@link ObjectStorage} describes.
 */
public class DatastoreService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "datastore";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "datastore";
    /** The spawn argument bounding a pull reply's elements, in bytes. */
    public static final String BATCH_BYTES_ARG = "batch-bytes";
    /** The default bound of a pull reply's elements, in bytes. */
    public static final int DEFAULT_BATCH_BYTES = 1024 * 1024;

    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.2.0");

    private final TypeRegistry registry = TypeRegistry.standard();
    private final StructureCodec codec = new StructureCodec(registry);
    private ObjectStorage storage;
    private long batchBytes;

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    @Override
    protected void onServiceInit() {
        batchBytes = batchBytes(spawnArgs().get(BATCH_BYTES_ARG));
        super.onServiceInit();
        storage = new ObjectStorage(store(), registry);
    }

    /** The held heads and which of the caller's commits the service has. */
    @Op("negotiate")
    public void negotiate(Message message) {
        serve(message, () -> {
            Request request = Request.of("negotiate", message);
            String id = request.requiredString("id");
            List<ObjectKey> offered = request.keys("commits");
            Map<String, ObjectKey> heads = storage.heads(id).orElse(Map.of());
            Set<ObjectKey> held = storage.graph().commits(heads.values()).keySet();
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", id);
            reply.put("branches", hex(heads));
            reply.put("common", offered.stream().filter(held::contains).distinct().map(ObjectKey::toString)
                    .toList());
            return reply;
        });
    }

    /** Stores a verified batch of elements of a push in progress. */
    @Op("put_objects")
    public void putObjects(Message message) {
        serve(message, () -> {
            Request request = Request.of("put_objects", message);
            String id = request.requiredString("id");
            List<Element> elements = elements(request, request.requiredBinary("objects"));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", id);
            reply.put("received", elements.size());
            reply.put("stored", storage.put(elements));
            return reply;
        });
    }

    /** Moves the heads of a repository, if the push is complete and fast-forwards every held branch. */
    @Op("push")
    public void push(Message message) {
        serve(message, () -> {
            Request request = Request.of("push", message);
            String id = request.requiredString("id");
            Map<String, ObjectKey> pushed = request.branches("branches");
            List<Element> elements = request.optionalBinary("objects").map(bytes -> elements(request, bytes))
                    .orElse(List.of());
            storage.put(elements);
            Map<String, ObjectKey> held = storage.heads(id).orElse(Map.of());
            Set<ObjectKey> heldCommits = storage.graph().commits(held.values()).keySet();
            try {
                storage.graph().reachable(pushed.values(), heldCommits);
            } catch (MissingObjectsException e) {
                throw request.bad("repository " + id + " is incomplete: " + e.getMessage());
            }
            Map<ObjectKey, Commit> pushedCommits = commits(request, pushed);
            held.forEach((branch, head) -> checkFastForward(id, branch, head, pushed, pushedCommits));
            storage.setHeads(id, pushed);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", id);
            reply.put("branches", hex(pushed));
            reply.put("commits", pushedCommits.size());
            reply.put("received", elements.size());
            return reply;
        });
    }

    /** The heads and a batch of the elements the caller lacks. */
    @Op("pull")
    public void pull(Message message) {
        serve(message, () -> {
            Request request = Request.of("pull", message);
            String id = request.requiredString("id");
            Map<String, ObjectKey> current = heads(id);
            Optional<Map<?, ?>> continuation = request.optionalMap("continue");
            Map<String, ObjectKey> heads = continuation.map(c -> request.branches("continue.branches",
                    mapField(request, c, "branches"))).orElse(current);
            long skip = continuation.map(c -> skip(request, c)).orElse(0L);
            long limit = Math.min(batchBytes, request.optionalInteger("max-bytes").filter(n -> n > 0)
                    .orElse(batchBytes));
            Set<ObjectKey> held = storage.graph().commits(heads.values()).keySet();
            List<ObjectKey> have = request.keys("have").stream().filter(held::contains).toList();
            Set<ObjectKey> known = have.isEmpty() ? Set.of() : storage.graph().closure(have);
            List<Element> missing = storage.graph().reachable(heads.values(), known);
            List<Element> batch = new ArrayList<>();
            long size = 0;
            for (int i = (int) Math.min(skip, missing.size()); i < missing.size(); i++) {
                Element element = missing.get(i);
                long elementSize = element.toProto().getSerializedSize();
                if (!batch.isEmpty() && size + elementSize > limit) {
                    break;
                }
                batch.add(element);
                size += elementSize;
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", id);
            reply.put("branches", hex(heads));
            reply.put("objects", codec.packList(batch).toByteArray());
            reply.put("count", batch.size());
            long sent = Math.min(skip, missing.size()) + batch.size();
            if (sent < missing.size()) {
                reply.put("continue", Map.of("branches", hex(heads), "skip", sent));
            }
            return reply;
        });
    }

    /** Elements by key. */
    @Op("fetch")
    public void fetch(Message message) {
        serve(message, () -> {
            Request request = Request.of("fetch", message);
            List<ObjectKey> keys = request.keys("keys");
            Map<ObjectKey, Element> found = storage.elements(keys);
            List<ObjectKey> unknown = keys.stream().filter(key -> !found.containsKey(key)).distinct().toList();
            if (!unknown.isEmpty()) {
                throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "op 'fetch': no object "
                        + String.join(", ", unknown.stream().map(ObjectKey::toString).toList()));
            }
            return codec.packList(keys.stream().map(found::get).toList()).toByteArray();
        });
    }

    /** The state of a repository at one commit: its history's commits and the objects of its tree. */
    @Op("checkout")
    public void checkout(Message message) {
        serve(message, () -> {
            Request request = Request.of("checkout", message);
            String id = request.requiredString("id");
            Map<String, ObjectKey> heads = heads(id);
            Map<ObjectKey, Commit> history = storage.graph().commits(heads.values());
            Optional<String> commitField = request.optionalString("commit");
            ObjectKey commit;
            if (commitField.isPresent()) {
                commit = request.key("commit", commitField.get());
                if (!history.containsKey(commit)) {
                    throw notFound("repository " + id + " has no commit " + commit);
                }
            } else {
                String branch = request.optionalString("branch").orElse(Repository.MASTER);
                commit = Optional.ofNullable(heads.get(branch)).orElseThrow(() -> notFound("repository " + id
                        + " has no branch '" + branch + "' with commits; branches: "
                        + String.join(", ", heads.keySet())));
            }
            Map<ObjectKey, Commit> ancestors = storage.graph().commits(List.of(commit));
            List<Element> elements = new ArrayList<>(storage.elements(ancestors.keySet()).values());
            elements.addAll(storage.graph().reachable(List.of(ancestors.get(commit).root()), Set.of()));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("id", id);
            reply.put("commit", commit.toString());
            reply.put("objects", codec.packList(elements).toByteArray());
            return reply;
        });
    }

    /** The commits of a repository, newest first. */
    @Op("log")
    public void log(Message message) {
        serve(message, () -> {
            Request request = Request.of("log", message);
            String id = request.requiredString("id");
            Map<String, ObjectKey> heads = heads(id);
            Optional<String> branch = request.optionalString("branch");
            if (branch.isPresent() && !heads.containsKey(branch.get())) {
                throw notFound("repository " + id + " has no branch '" + branch.get() + "' with commits; branches: "
                        + String.join(", ", heads.keySet()));
            }
            List<ObjectKey> from = branch.map(b -> List.of(heads.get(b))).orElse(List.copyOf(heads.values()));
            List<Commit> commits = new ArrayList<>(storage.graph().commits(from).values());
            commits.sort(Comparator.comparing(Commit::date).reversed());
            List<Map<String, Object>> log = new ArrayList<>();
            for (Commit commit : commits) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("commit", commit.key().toString());
                entry.put("date", commit.date().toString());
                entry.put("author", commit.author());
                entry.put("comment", commit.comment());
                entry.put("parents", commit.parents().stream().map(ObjectKey::toString).toList());
                entry.put("branches", heads.entrySet().stream().filter(h -> h.getValue().equals(commit.key()))
                        .map(Map.Entry::getKey).toList());
                log.add(entry);
            }
            return log;
        });
    }

    /** Every element of a repository: key, type and size. */
    @Op("objects")
    public void objects(Message message) {
        serve(message, () -> {
            Request request = Request.of("objects", message);
            String id = request.requiredString("id");
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Element element : storage.graph().reachable(heads(id).values(), Set.of())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("key", element.key().toString());
                entry.put("type", element.type().objectId());
                entry.put("version", element.type().version());
                entry.put("name", registry.find(element.type())
                        .map(prototype -> prototype.getDescriptorForType().getName()).orElse("?"));
                entry.put("size", element.value().size());
                objects.add(entry);
            }
            return objects;
        });
    }

    /** The ids of the repositories held. */
    @Op("list")
    public void list(Message message) {
        serve(message, storage::ids);
    }

    private void serve(Message message, Supplier<Object> work) {
        answer(message, () -> {
            try {
                return work.get();
            } catch (ObjectException | RepositoryException | IllegalArgumentException e) {
                throw Request.badRequest("op '" + message.op().orElse("") + "': " + e.getMessage());
            }
        });
    }

    private Map<String, ObjectKey> heads(String id) {
        return storage.heads(id).orElseThrow(() -> notFound("no repository with id " + id));
    }

    /** The verified elements of a batch: keys, type ids and values checked; links may point outside it. */
    private List<Element> elements(Request request, byte[] bytes) {
        try {
            Unpacked unpacked = codec.unpackAllowingMissing(ByteString.copyFrom(bytes));
            List<Element> elements = new ArrayList<>();
            unpacked.head().ifPresent(elements::add);
            elements.addAll(unpacked.items().values());
            return elements;
        } catch (ObjectException e) {
            throw request.bad("the objects are not a valid batch of elements: " + e.getMessage());
        }
    }

    private Map<ObjectKey, Commit> commits(Request request, Map<String, ObjectKey> heads) {
        try {
            return storage.graph().commits(heads.values());
        } catch (RepositoryException e) {
            throw request.bad("a pushed head is not a commit: " + e.getMessage());
        }
    }

    private static void checkFastForward(String id, String branch, ObjectKey held, Map<String, ObjectKey> pushed,
            Map<ObjectKey, Commit> pushedCommits) {
        ObjectKey head = pushed.get(branch);
        if (head == null) {
            throw diverged(id, branch, "the push does not have the branch");
        }
        if (!ancestors(head, pushedCommits).contains(held)) {
            throw diverged(id, branch, "the held head " + held + " is not an ancestor of the pushed head " + head);
        }
    }

    private static Set<ObjectKey> ancestors(ObjectKey head, Map<ObjectKey, Commit> commits) {
        Set<ObjectKey> seen = new HashSet<>();
        List<ObjectKey> todo = new ArrayList<>(List.of(head));
        while (!todo.isEmpty()) {
            ObjectKey next = todo.removeLast();
            if (seen.add(next)) {
                todo.addAll(commits.get(next).parents());
            }
        }
        return seen;
    }

    private static RequestException diverged(String id, String branch, String reason) {
        return new RequestException(ResponseCodes.APP_RESOURCE_DIVERGED, "repository " + id + ", branch '"
                + branch + "' has diverged: " + reason);
    }

    private static RequestException notFound(String text) {
        return new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, text);
    }

    private static Map<String, String> hex(Map<String, ObjectKey> heads) {
        Map<String, String> hex = new LinkedHashMap<>();
        heads.forEach((name, key) -> hex.put(name, key.toString()));
        return hex;
    }

    private static Map<?, ?> mapField(Request request, Map<?, ?> map, String field) {
        if (map.get(field) instanceof Map<?, ?> inner) {
            return inner;
        }
        throw request.bad("field 'continue' needs '" + field + "' (a map)");
    }

    private static long skip(Request request, Map<?, ?> continuation) {
        Object skip = continuation.get("skip");
        if ((skip instanceof Long || skip instanceof Integer) && ((Number) skip).longValue() >= 0) {
            return ((Number) skip).longValue();
        }
        throw request.bad("field 'continue' needs 'skip' (an integer of at least 0)");
    }

    private static long batchBytes(Object value) {
        if (value == null) {
            return DEFAULT_BATCH_BYTES;
        }
        String text = String.valueOf(value);
        long bytes = value instanceof Number n ? n.longValue() : text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
        if (bytes > 0) {
            return bytes;
        }
        throw new IllegalArgumentException("spawn argument '" + BATCH_BYTES_ARG
                + "' must be a positive number of bytes, was " + value);
    }
}
