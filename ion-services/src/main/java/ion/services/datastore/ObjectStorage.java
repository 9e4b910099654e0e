package ion.services.datastore;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import ion.object.Element;
import ion.object.ObjectException;
import ion.object.ObjectKey;
import ion.object.TypeRegistry;
import ion.object.proto.Branch;
import ion.object.proto.MutableNode;
import ion.object.proto.StructureElement;
import ion.object.repository.ObjectGraph;
import ion.object.repository.Repository;
import ion.object.repository.RepositoryException;
import ion.store.Bytes;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The datastore's layout in its index store: each element (commit or object) once, under {@code object/} and its
 * raw key, as its {@code StructureElement} bytes; each repository's branch heads under {@code repository/} and its
 * id, as a {@code MutableNode} (a branch per name, its head as the one commit link), with attribute
 * {@code kind=repository} and {@code format=heads}. Elements are only ever added; a repository changes by replacing
 * its heads record in one put. A record without {@code format=heads} is a repository stored whole by the first
 * version of the service; it is rewritten into this layout when first read.
 */
final class ObjectStorage {
    private static final byte[] OBJECT_PREFIX = "object/".getBytes(StandardCharsets.US_ASCII);
    private static final String REPOSITORY_PREFIX = "repository/";
    private static final String FORMAT = "format";
    private static final String FORMAT_HEADS = "heads";
    private static final Map<String, String> REPOSITORY_ATTRIBUTES = Map.of("kind", "repository", FORMAT,
            FORMAT_HEADS);

    private final IndexStore store;
    private final TypeRegistry registry;
    private final ObjectGraph graph;

    ObjectStorage(IndexStore store, TypeRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.graph = new ObjectGraph(registry, this::elements);
    }

    ObjectGraph graph() {
        return graph;
    }

    TypeRegistry registry() {
        return registry;
    }

    /** The elements present among {@code keys}, read in one batch. */
    Map<ObjectKey, Element> elements(Collection<ObjectKey> keys) {
        List<byte[]> storeKeys = keys.stream().map(ObjectStorage::objectKey).toList();
        Map<Bytes, byte[]> found = store.getAll(storeKeys);
        Map<ObjectKey, Element> result = new LinkedHashMap<>();
        for (ObjectKey key : keys) {
            byte[] bytes = found.get(Bytes.of(objectKey(key)));
            if (bytes != null) {
                result.put(key, decode(key, bytes));
            }
        }
        return result;
    }

    /** Stores elements that are not stored yet, in one atomic batch; returns how many were new. */
    int put(Collection<Element> elements) {
        Map<ObjectKey, Element> byKey = new LinkedHashMap<>();
        elements.forEach(element -> byKey.putIfAbsent(element.key(), element));
        Map<ObjectKey, Element> present = elements(byKey.keySet());
        Map<Bytes, byte[]> entries = new LinkedHashMap<>();
        byKey.forEach((key, element) -> {
            if (!present.containsKey(key)) {
                entries.put(Bytes.of(objectKey(key)), element.toProto().toByteArray());
            }
        });
        if (!entries.isEmpty()) {
            store.putAll(entries);
        }
        return entries.size();
    }

    /** The branch heads of a repository (name to head commit, in branch order); empty if it is not held. */
    Optional<Map<String, ObjectKey>> heads(String id) {
        byte[] key = repositoryKey(id);
        Optional<byte[]> record = store.get(key);
        if (record.isPresent() && !FORMAT_HEADS.equals(store.attributes(key).orElse(Map.of()).get(FORMAT))) {
            migrate(id, record.get());
        }
        return store.get(key).map(bytes -> {
            MutableNode node;
            try {
                node = MutableNode.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new StoreException("the stored heads of repository " + id + " are corrupt", e);
            }
            Map<String, ObjectKey> heads = new LinkedHashMap<>();
            for (Branch branch : node.getBranchesList()) {
                branch.getCommitrefsList().stream().findFirst()
                        .ifPresent(link -> heads.put(branch.getBranchkey(), new ObjectKey(link.getKey())));
            }
            return heads;
        });
    }

    /**
     * Rewrites a repository stored whole by the first datastore version (its {@link Repository#pack()} bytes under
     * its id) into this layout: its elements stored singly, then its heads.
     */
    private void migrate(String id, byte[] packed) {
        Repository repository;
        try {
            repository = Repository.builder(id).registry(registry).unpack(ByteString.copyFrom(packed));
        } catch (ObjectException | RepositoryException | IllegalArgumentException e) {
            throw new StoreException("repository " + id + " is stored in neither the current nor the first "
                    + "layout: " + e.getMessage(), e);
        }
        put(repository.store().elements());
        setHeads(id, repository.heads());
    }

    /** Replaces the branch heads of a repository in one put; every head must be a stored commit. */
    void setHeads(String id, Map<String, ObjectKey> heads) {
        Map<ObjectKey, Element> commits = elements(heads.values());
        MutableNode.Builder node = MutableNode.newBuilder().setRepositorykey(id);
        heads.forEach((name, head) -> node.addBranches(Branch.newBuilder().setBranchkey(name)
                .addCommitrefs(commits.get(head).link())));
        store.put(repositoryKey(id), node.build().toByteArray(), REPOSITORY_ATTRIBUTES);
    }

    /** The ids of the repositories held, in ascending order. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (IndexStore.Hit hit : store.query(List.of(Predicate.eq("kind", "repository")))) {
            ids.add(new String(hit.key().toArray(), StandardCharsets.UTF_8).substring(REPOSITORY_PREFIX.length()));
        }
        return ids;
    }

    private static Element decode(ObjectKey key, byte[] bytes) {
        try {
            return Element.fromProto(StructureElement.parseFrom(ByteString.copyFrom(bytes)));
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException("the stored element " + key + " is corrupt", e);
        }
    }

    private static byte[] objectKey(ObjectKey key) {
        byte[] raw = key.toByteArray();
        byte[] result = new byte[OBJECT_PREFIX.length + raw.length];
        System.arraycopy(OBJECT_PREFIX, 0, result, 0, OBJECT_PREFIX.length);
        System.arraycopy(raw, 0, result, OBJECT_PREFIX.length, raw.length);
        return result;
    }

    private static byte[] repositoryKey(String id) {
        return (REPOSITORY_PREFIX + id).getBytes(StandardCharsets.UTF_8);
    }
}
