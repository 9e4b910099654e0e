package ion.store.embedded;

import ion.store.Bytes;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreClosedException;
import ion.store.StoreException;
import ion.store.spi.Arguments;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One named store of an {@link EmbeddedStore}, in three MVStore maps:
 *
 * <ul>
 *   <li>{@code <name>.data}: key → value;</li>
 *   <li>{@code <name>.attrs}: key → encoded attributes, for keys that have any;</li>
 *   <li>{@code <name>.index}: {@code attr ⊥ value ⊥ key} → empty, one row per attribute of each key.</li>
 * </ul>
 *
 * Keys become map keys as ISO-8859-1 strings (one char per byte), which keeps every byte, zero included, and
 * orders like unsigned bytes. In index rows the attribute name and value are escaped (NUL → NUL 1) and each
 * ends with NUL NUL, so that no row's prefix can be mistaken for another's. Writes to one store are serialized
 * by its lock. Single-key reads go to the maps directly; {@code getAll}, {@code attributes} and {@code query}
 * take the lock, so that they never see part of a {@code putAll} or a value without its attributes.
 */
final class EmbeddedIndexStore implements IndexStore {
    private static final byte[] EMPTY = new byte[0];
    private static final String END = "\0\0";

    private final String name;
    private final EmbeddedStore backend;
    private final ReentrantLock lock;
    private final MVMap<String, byte[]> data;
    private final MVMap<String, byte[]> attrs;
    private final MVMap<String, byte[]> index;
    private final AtomicBoolean closed = new AtomicBoolean();

    EmbeddedIndexStore(String name, EmbeddedStore backend, ReentrantLock lock, MVMap<String, byte[]> data,
            MVMap<String, byte[]> attrs, MVMap<String, byte[]> index) {
        this.name = name;
        this.backend = backend;
        this.lock = lock;
        this.data = data;
        this.attrs = attrs;
        this.index = index;
    }

    static MVMap.Builder<String, byte[]> valueMapBuilder() {
        return new MVMap.Builder<String, byte[]>().keyType(StringDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        String k = key(key);
        checkOpen();
        try {
            return Optional.ofNullable(data.get(k)).map(byte[]::clone);
        } catch (MVStoreException e) {
            throw backend.failure("get", e);
        }
    }

    @Override
    public Optional<Map<String, String>> attributes(byte[] key) {
        String k = key(key);
        checkOpen();
        lock.lock();
        try {
            if (!data.containsKey(k)) {
                return Optional.empty();
            }
            return Optional.of(decode(attrs.get(k)));
        } catch (MVStoreException e) {
            throw backend.failure("attributes", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean hasKey(byte[] key) {
        String k = key(key);
        checkOpen();
        try {
            return data.containsKey(k);
        } catch (MVStoreException e) {
            throw backend.failure("hasKey", e);
        }
    }

    @Override
    public Map<Bytes, byte[]> getAll(Collection<byte[]> keys) {
        List<String> ks = keys.stream().map(EmbeddedIndexStore::key).toList();
        checkOpen();
        lock.lock();
        try {
            Map<Bytes, byte[]> found = new LinkedHashMap<>();
            for (String k : ks) {
                byte[] v = data.get(k);
                if (v != null) {
                    found.put(Bytes.of(bytes(k)), v.clone());
                }
            }
            return found;
        } catch (MVStoreException e) {
            throw backend.failure("getAll", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long size() {
        checkOpen();
        return data.sizeAsLong();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        put(key, value, Map.of());
    }

    @Override
    public void put(byte[] key, byte[] value, Map<String, String> attributes) {
        String k = key(key);
        byte[] v = Objects.requireNonNull(value, "value").clone();
        Map<String, String> a = Arguments.attributes(attributes);
        write(() -> store(k, v, a));
    }

    @Override
    public void putAll(Map<Bytes, byte[]> entries) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(key(Objects.requireNonNull(k, "key").toArray()),
                Objects.requireNonNull(v, "value").clone()));
        write(() -> copy.forEach((k, v) -> store(k, v, Map.of())));
    }

    @Override
    public boolean remove(byte[] key) {
        String k = key(key);
        boolean[] existed = new boolean[1];
        write(() -> {
            existed[0] = data.remove(k) != null;
            unindex(k);
        });
        return existed[0];
    }

    @Override
    public List<Hit> query(List<Predicate> predicates) {
        Predicate first = Arguments.firstEq(predicates);
        List<Predicate> all = List.copyOf(predicates);
        checkOpen();
        String prefix = escape(first.attribute()) + END + escape(first.value()) + END;
        lock.lock();
        try {
            TreeMap<Bytes, Hit> hits = new TreeMap<>();
            Iterator<String> rows = index.keyIterator(prefix);
            while (rows.hasNext()) {
                String row = rows.next();
                if (!row.startsWith(prefix)) {
                    break;
                }
                String k = row.substring(prefix.length());
                byte[] v = data.get(k);
                Map<String, String> a = decode(attrs.get(k));
                if (v != null && all.stream().allMatch(p -> p.test(a))) {
                    Bytes key = Bytes.of(bytes(k));
                    hits.put(key, new Hit(key, v.clone(), a));
                }
            }
            return new ArrayList<>(hits.values());
        } catch (MVStoreException e) {
            throw backend.failure("query", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private void write(Runnable mutation) {
        checkOpen();
        long ticket;
        lock.lock();
        try {
            ticket = backend.apply(mutation);
        } finally {
            lock.unlock();
        }
        backend.awaitDurable(ticket);
    }

    /** Replaces value and attributes of {@code k}; call under the lock. */
    private void store(String k, byte[] value, Map<String, String> attributes) {
        unindex(k);
        data.put(k, value);
        if (!attributes.isEmpty()) {
            attrs.put(k, encode(attributes));
            attributes.forEach((attr, v) -> index.put(indexRow(attr, v, k), EMPTY));
        }
    }

    /** Removes {@code k}'s attributes and index rows; call under the lock. */
    private void unindex(String k) {
        byte[] old = attrs.remove(k);
        if (old != null) {
            decode(old).forEach((attr, v) -> index.remove(indexRow(attr, v, k)));
        }
    }

    private static String indexRow(String attr, String value, String k) {
        return escape(attr) + END + escape(value) + END + k;
    }

    private static String escape(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace("\0", "\0\1");
    }

    private static String key(byte[] key) {
        return new String(Objects.requireNonNull(key, "key"), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] encode(Map<String, String> attributes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(attributes.size());
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        } catch (IOException e) {
            throw new StoreException("cannot encode attributes: " + e.getMessage(), e);
        }
        return buf.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static Map<String, String> decode(byte[] encoded) {
        if (encoded == null) {
            return Map.of();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                a.put(readString(in), readString(in));
            }
            return Map.copyOf(a);
        } catch (IOException e) {
            throw new StoreException("corrupt attributes in store: " + e.getMessage(), e);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StoreClosedException("embedded store " + name + " is closed");
        }
        backend.checkOpen();
    }
}
