package ion.object.repository;

import com.google.protobuf.Message;
import ion.object.Element;
import ion.object.Links;
import ion.object.MalformedStructureException;
import ion.object.ObjectKey;
import ion.object.TypeId;
import ion.object.TypeRegistry;
import ion.object.proto.CASRef;
import ion.object.proto.CommitRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Walks the content-addressed graph of repositories wherever its elements are kept: a commit links its root object
 * and its parent commits, and objects link further objects. The elements are read through a lookup that takes a
 * whole level of the walk at once, so a store with batch reads is asked once per level, not once per element.
 *
 * <p>Every element reached is parsed to find its links, and each link's declared type is checked against the
 * element found. Absent elements are collected and reported together in a {@link MissingObjectsException}.
 * Thread-safe if the lookup is.
 */
public final class ObjectGraph {
    private final TypeRegistry registry;
    private final Function<List<ObjectKey>, Map<ObjectKey, Element>> lookup;

    /**
     * A walker reading elements through {@code lookup}.
     *
     * @param registry the types to parse elements with
     * @param lookup given keys, answers the elements it has among them (absent keys left out)
     */
    public ObjectGraph(TypeRegistry registry, Function<List<ObjectKey>, Map<ObjectKey, Element>> lookup) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** A walker over an {@link ObjectStore}. */
    public static ObjectGraph of(ObjectStore store, TypeRegistry registry) {
        return new ObjectGraph(registry, keys -> {
            Map<ObjectKey, Element> found = new LinkedHashMap<>();
            keys.forEach(key -> store.get(key).ifPresent(element -> found.put(key, element)));
            return found;
        });
    }

    /**
     * Every element reachable from {@code from} through links, breadth-first (the starting elements first),
     * leaving out the keys in {@code stop} and everything reachable only through them.
     *
     * @throws MissingObjectsException if an element reached is absent
     * @throws MalformedStructureException if a link declares another type than its target has
     * @throws ion.object.UnknownTypeException if an element's type is not registered
     */
    public List<Element> reachable(Collection<ObjectKey> from, Set<ObjectKey> stop) {
        List<Element> result = new ArrayList<>();
        Set<ObjectKey> seen = new LinkedHashSet<>();
        Map<ObjectKey, TypeId> level = new LinkedHashMap<>();
        for (ObjectKey key : from) {
            if (!stop.contains(key) && seen.add(key)) {
                level.put(key, null);
            }
        }
        List<ObjectKey> missing = new ArrayList<>();
        while (!level.isEmpty()) {
            Map<ObjectKey, Element> found = lookup.apply(List.copyOf(level.keySet()));
            Map<ObjectKey, TypeId> next = new LinkedHashMap<>();
            for (Map.Entry<ObjectKey, TypeId> wanted : level.entrySet()) {
                Element element = found.get(wanted.getKey());
                if (element == null) {
                    missing.add(wanted.getKey());
                    continue;
                }
                if (wanted.getValue() != null && !wanted.getValue().equals(element.type())) {
                    throw new MalformedStructureException("a link to " + element.key() + " declares type "
                            + wanted.getValue() + " but that element has type " + element.type());
                }
                result.add(element);
                for (CASRef link : Links.of(element.object(registry))) {
                    ObjectKey target = new ObjectKey(link.getKey());
                    if (!stop.contains(target) && seen.add(target)) {
                        next.put(target, TypeId.of(link.getType()));
                    }
                }
            }
            level = next;
        }
        if (!missing.isEmpty()) {
            throw new MissingObjectsException(missing);
        }
        return result;
    }

    /** The keys of every element reachable from {@code from}; see {@link #reachable}. */
    public Set<ObjectKey> closure(Collection<ObjectKey> from) {
        Set<ObjectKey> keys = new LinkedHashSet<>();
        reachable(from, Set.of()).forEach(element -> keys.add(element.key()));
        return keys;
    }

    /**
     * The commits reachable from {@code heads} through parent links only (not their objects), breadth-first.
     *
     * @throws MissingObjectsException if a commit reached is absent
     * @throws NoSuchCommitException if an element reached is not a commit
     */
    public Map<ObjectKey, Commit> commits(Collection<ObjectKey> heads) {
        Map<ObjectKey, Commit> commits = new LinkedHashMap<>();
        List<ObjectKey> level = heads.stream().distinct().toList();
        List<ObjectKey> missing = new ArrayList<>();
        while (!level.isEmpty()) {
            Map<ObjectKey, Element> found = lookup.apply(level);
            Set<ObjectKey> next = new LinkedHashSet<>();
            for (ObjectKey key : level) {
                Element element = found.get(key);
                if (element == null) {
                    missing.add(key);
                    continue;
                }
                Message object = element.object(registry);
                if (!(object instanceof CommitRef ref)) {
                    throw new NoSuchCommitException("object " + key + " is a "
                            + object.getDescriptorForType().getFullName() + ", not a commit");
                }
                Commit commit = Commit.of(key, ref);
                commits.put(key, commit);
                commit.parents().stream().filter(parent -> !commits.containsKey(parent)).forEach(next::add);
            }
            level = List.copyOf(next);
        }
        if (!missing.isEmpty()) {
            throw new MissingObjectsException(missing);
        }
        return commits;
    }
}
