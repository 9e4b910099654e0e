package ion.services.datastore;

import com.google.protobuf.ByteString;
import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import ion.object.Element;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeRegistry;
import ion.object.Unpacked;
import ion.object.repository.MemoryObjectStore;
import ion.object.repository.ObjectGraph;
import ion.object.repository.ObjectStore;
import ion.object.repository.Repository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Calls the {@code datastore} service of the caller's system, moving only the commits and objects the other side
 * lacks (see {@link DatastoreService} for the protocol). Elements go out and come in in batches of at most
 * {@link #batchBytes()} bytes (at least one element each). Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR: its {@code responseCode()} is
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_NOT_FOUND} for an unknown id, commit, branch or key,
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_DIVERGED} for a push that is not a fast-forward and
 * {@link ion.core.messaging.ResponseCodes#BAD_REQUEST} for a push the service finds malformed or incomplete.
 */
public class DatastoreClient extends ServiceClient {
    /** The default batch size, in bytes of serialized elements. */
    public static final int DEFAULT_BATCH_BYTES = DatastoreService.DEFAULT_BATCH_BYTES;

    private final int batchBytes;
    private final TypeRegistry registry = TypeRegistry.standard();
    private final StructureCodec codec = new StructureCodec(registry);

    /** A client sending through {@code caller}, a spawned process. */
    public DatastoreClient(Process caller) {
        this(caller, DatastoreService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public DatastoreClient(Process caller, String serviceName) {
        this(caller, serviceName, DEFAULT_BATCH_BYTES);
    }

    /**
     * A client of the service under {@code serviceName} that sends and asks for batches of at most
     * {@code batchBytes} bytes.
     *
     * @throws IllegalArgumentException if {@code batchBytes} is not positive
     */
    public DatastoreClient(Process caller, String serviceName, int batchBytes) {
        super(caller, serviceName);
        if (batchBytes <= 0) {
            throw new IllegalArgumentException("the batch size must be positive, was " + batchBytes);
        }
        this.batchBytes = batchBytes;
    }

    /** The largest batch of elements this client sends or asks for, in bytes. */
    public int batchBytes() {
        return batchBytes;
    }

    /**
     * Pushes every branch of {@code repository}, sending only the commits and objects the service lacks: one
     * round trip to learn which of the repository's commits the service has, then the missing elements in batches,
     * the last one with the new heads.
     */
    public PushResult push(Repository repository) {
        ObjectGraph graph = ObjectGraph.of(repository.store(), registry);
        Map<String, ObjectKey> heads = repository.heads();
        Set<ObjectKey> commits = graph.commits(heads.values()).keySet();
        Map<?, ?> negotiated = rpc("negotiate", Map.of("id", repository.id(), "commits", hex(commits)))
                .contentAs(Map.class);
        List<ObjectKey> common = keys(negotiated.get("common"));
        Set<ObjectKey> known = common.isEmpty() ? Set.of() : graph.closure(common);
        List<List<Element>> batches = batches(graph.reachable(heads.values(), known));
        int roundTrips = 1;
        for (List<Element> batch : batches.subList(0, Math.max(0, batches.size() - 1))) {
            rpc("put_objects", Map.of("id", repository.id(), "objects", codec.packList(batch).toByteArray()));
            roundTrips++;
        }
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("id", repository.id());
        push.put("branches", hexMap(heads));
        if (!batches.isEmpty()) {
            push.put("objects", codec.packList(batches.getLast()).toByteArray());
        }
        Map<?, ?> reply = rpc("push", push).contentAs(Map.class);
        roundTrips++;
        int sent = batches.stream().mapToInt(List::size).sum();
        return new PushResult(repository.id(), branches(reply.get("branches")),
                Message.convert(reply.get("commits"), Long.class, "commits"), sent, roundTrips);
    }

    /** The repository held under {@code id}, with every branch, commit and object; its first branch is out. */
    public Repository pull(String id) {
        ObjectStore store = new MemoryObjectStore(registry);
        Fetched fetched = fetch(id, store, List.of());
        return Repository.builder(id).registry(registry).store(store).open(fetched.heads());
    }

    /**
     * Pulls into a repository that may already have some of the history: sends the commits it has and receives
     * only the elements it lacks, then moves each branch to the service's head
     * ({@link Repository#updateBranch}: created, fast-forwarded, or left where it is when it is ahead).
     *
     * @throws ion.object.repository.DivergedBranchException if a local branch has diverged from the service's
     */
    public PullResult pull(Repository into) {
        ObjectGraph graph = ObjectGraph.of(into.store(), registry);
        Set<ObjectKey> have = graph.commits(into.heads().values()).keySet();
        Fetched fetched = fetch(into.id(), into.store(), have);
        fetched.heads().forEach(into::updateBranch);
        return new PullResult(into, fetched.received(), fetched.roundTrips());
    }

    /**
     * A read-only view of a repository at one commit: detached there, with the commit's history and the objects
     * of its tree (the branches are not included).
     */
    public Repository checkout(String id, ObjectKey commit) {
        return checkout(id, Map.of("id", id, "commit", commit.toString()));
    }

    /** A read-only view of a repository at the head of a branch; see {@link #checkout(String, ObjectKey)}. */
    public Repository checkoutBranch(String id, String branch) {
        return checkout(id, Map.of("id", id, "branch", branch));
    }

    /** The elements with these keys, in this order. */
    public List<Element> fetch(Collection<ObjectKey> keys) {
        byte[] bytes = rpc("fetch", Map.of("keys", hex(keys))).contentAs(byte[].class);
        Unpacked unpacked = codec.unpackAllowingMissing(ByteString.copyFrom(bytes));
        return List.copyOf(unpacked.items().values());
    }

    /** The commits of every branch of a repository, newest first. */
    public List<LogEntry> log(String id) {
        return log(Map.of("id", id));
    }

    /** The commits of one branch of a repository, newest first. */
    public List<LogEntry> log(String id, String branch) {
        return log(Map.of("id", id, "branch", branch));
    }

    /** Every element (commits and objects) of a repository. */
    public List<ObjectInfo> objects(String id) {
        List<?> objects = rpc("objects", Map.of("id", id)).contentAs(List.class);
        return objects.stream().map(o -> ObjectInfo.fromMap(Message.convert(o, Map.class, "object"))).toList();
    }

    /** The ids of the repositories held, in ascending order. */
    public List<String> list() {
        List<?> ids = rpc("list", Map.of()).contentAs(List.class);
        return ids.stream().map(id -> Message.convert(id, String.class, "repository id")).toList();
    }

    private record Fetched(Map<String, ObjectKey> heads, int received, int roundTrips) {
    }

    private Fetched fetch(String id, ObjectStore store, Collection<ObjectKey> have) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("have", hex(have));
        request.put("max-bytes", batchBytes);
        int received = 0;
        int roundTrips = 0;
        while (true) {
            Map<?, ?> reply = rpc("pull", request).contentAs(Map.class);
            roundTrips++;
            byte[] bytes = Message.convert(reply.get("objects"), byte[].class, "objects");
            Unpacked batch = codec.unpackAllowingMissing(ByteString.copyFrom(bytes));
            batch.items().values().forEach(store::put);
            received += batch.items().size();
            Optional<Object> more = Optional.ofNullable(reply.get("continue"));
            if (more.isEmpty()) {
                return new Fetched(branches(reply.get("branches")), received, roundTrips);
            }
            request.put("continue", more.get());
        }
    }

    private Repository checkout(String id, Map<String, Object> request) {
        Map<?, ?> reply = rpc("checkout", request).contentAs(Map.class);
        ObjectStore store = new MemoryObjectStore(registry);
        byte[] bytes = Message.convert(reply.get("objects"), byte[].class, "objects");
        codec.unpackAllowingMissing(ByteString.copyFrom(bytes)).items().values().forEach(store::put);
        Repository repository = Repository.builder(id).registry(registry).store(store).open(Map.of());
        repository.checkoutCommit(ObjectKey.fromHex(Message.convert(reply.get("commit"), String.class, "commit")));
        return repository;
    }

    private List<LogEntry> log(Map<String, Object> request) {
        List<?> entries = rpc("log", request).contentAs(List.class);
        return entries.stream().map(e -> LogEntry.fromMap(Message.convert(e, Map.class, "log entry"))).toList();
    }

    private List<List<Element>> batches(List<Element> elements) {
        List<List<Element>> batches = new ArrayList<>();
        List<Element> batch = new ArrayList<>();
        long size = 0;
        for (Element element : elements) {
            long elementSize = element.toProto().getSerializedSize();
            if (!batch.isEmpty() && size + elementSize > batchBytes) {
                batches.add(batch);
                batch = new ArrayList<>();
                size = 0;
            }
            batch.add(element);
            size += elementSize;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private static List<String> hex(Collection<ObjectKey> keys) {
        return keys.stream().map(ObjectKey::toString).toList();
    }

    private static Map<String, String> hexMap(Map<String, ObjectKey> heads) {
        Map<String, String> hex = new LinkedHashMap<>();
        heads.forEach((name, key) -> hex.put(name, key.toString()));
        return hex;
    }

    private static List<ObjectKey> keys(Object list) {
        return Message.convert(list, List.class, "keys").stream()
                .map(key -> ObjectKey.fromHex(Message.convert(key, String.class, "key"))).toList();
    }

    private static Map<String, ObjectKey> branches(Object map) {
        Map<String, ObjectKey> branches = new LinkedHashMap<>();
        Message.convert(map, Map.class, "branches").forEach((name, key) -> branches.put(
                Message.convert(name, String.class, "branch name"),
                ObjectKey.fromHex(Message.convert(key, String.class, "branch head"))));
        return branches;
    }
}
