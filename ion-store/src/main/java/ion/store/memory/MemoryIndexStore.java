package ion.store.memory;

import ion.store.Bytes;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreClosedException;
import ion.store.spi.Arguments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link IndexStore} in the heap. Writes (value, attributes and index together) happen under a write lock,
 * reads under a read lock, so every operation, {@link #putAll} included, is atomic. Not durable.
 */
final class MemoryIndexStore implements IndexStore {
    /** One entry: the value and its attributes, both immutable. */
    private record Entry(byte[] value, Map<String, String> attributes) {}

    /** The data of one named store, shared by its handles. */
    static final class Data {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<Bytes, Entry> entries = new HashMap<>();
        /** attribute name → attribute value → keys. */
        final Map<String, Map<String, Set<Bytes>>> index = new HashMap<>();
    }

    private final String name;
    private final Data data;
    private final AtomicBoolean backendClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    MemoryIndexStore(String name, Data data, AtomicBoolean backendClosed) {
        this.name = name;
        this.data = data;
        this.backendClosed = backendClosed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        Bytes k = key(key);
        return read(() -> Optional.ofNullable(data.entries.get(k)).map(e -> e.value().clone()));
    }

    @Override
    public Optional<Map<String, String>> attributes(byte[] key) {
        Bytes k = key(key);
        return read(() -> Optional.ofNullable(data.entries.get(k)).map(Entry::attributes));
    }

    @Override
    public boolean hasKey(byte[] key) {
        Bytes k = key(key);
        return read(() -> data.entries.containsKey(k));
    }

    @Override
    public Map<Bytes, byte[]> getAll(Collection<byte[]> keys) {
        List<Bytes> ks = keys.stream().map(MemoryIndexStore::key).toList();
        return read(() -> {
            Map<Bytes, byte[]> found = new LinkedHashMap<>();
            for (Bytes k : ks) {
                Entry e = data.entries.get(k);
                if (e != null) {
                    found.put(k, e.value().clone());
                }
            }
            return found;
        });
    }

    @Override
    public long size() {
        return read(() -> (long) data.entries.size());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        put(key, value, Map.of());
    }

    @Override
    public void put(byte[] key, byte[] value, Map<String, String> attributes) {
        Bytes k = key(key);
        Entry entry = new Entry(Objects.requireNonNull(value, "value").clone(), Arguments.attributes(attributes));
        write(() -> store(k, entry));
    }

    @Override
    public void putAll(Map<Bytes, byte[]> entries) {
        Map<Bytes, Entry> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"),
                new Entry(Objects.requireNonNull(v, "value").clone(), Map.of())));
        write(() -> copy.forEach(this::store));
    }

    @Override
    public boolean remove(byte[] key) {
        Bytes k = key(key);
        boolean[] existed = new boolean[1];
        write(() -> {
            Entry old = data.entries.remove(k);
            if (old != null) {
                unindex(k, old.attributes());
                existed[0] = true;
            }
        });
        return existed[0];
    }

    @Override
    public List<Hit> query(List<Predicate> predicates) {
        Predicate first = Arguments.firstEq(predicates);
        List<Predicate> all = List.copyOf(predicates);
        return read(() -> {
            Set<Bytes> candidates =
                    data.index.getOrDefault(first.attribute(), Map.of()).getOrDefault(first.value(), Set.of());
            List<Hit> hits = new ArrayList<>();
            for (Bytes k : candidates) {
                Entry e = data.entries.get(k);
                if (e != null && all.stream().allMatch(p -> p.test(e.attributes()))) {
                    hits.add(new Hit(k, e.value().clone(), e.attributes()));
                }
            }
            hits.sort((a, b) -> a.key().compareTo(b.key()));
            return hits;
        });
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private void store(Bytes k, Entry entry) {
        Entry old = data.entries.put(k, entry);
        if (old != null) {
            unindex(k, old.attributes());
        }
        entry.attributes().forEach((attr, value) -> data.index
                .computeIfAbsent(attr, a -> new HashMap<>())
                .computeIfAbsent(value, v -> new HashSet<>())
                .add(k));
    }

    private void unindex(Bytes k, Map<String, String> attributes) {
        attributes.forEach((attr, value) -> {
            Map<String, Set<Bytes>> byValue = data.index.get(attr);
            Set<Bytes> keys = byValue.get(value);
            keys.remove(k);
            if (keys.isEmpty()) {
                byValue.remove(value);
                if (byValue.isEmpty()) {
                    data.index.remove(attr);
                }
            }
        });
    }

    private static Bytes key(byte[] key) {
        return Bytes.of(Objects.requireNonNull(key, "key"));
    }

    private void checkOpen() {
        if (closed.get() || backendClosed.get()) {
            throw new StoreClosedException("memory store " + name + " is closed");
        }
    }

    private <T> T read(java.util.function.Supplier<T> action) {
        checkOpen();
        data.lock.readLock().lock();
        try {
            return action.get();
        } finally {
            data.lock.readLock().unlock();
        }
    }

    private void write(Runnable action) {
        checkOpen();
        data.lock.writeLock().lock();
        try {
            action.run();
        } finally {
            data.lock.writeLock().unlock();
        }
    }
}
