package ion.store.cassandra;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import ion.store.Bytes;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreClosedException;
import ion.store.spi.Arguments;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** One handle on a Cassandra store; see {@link CassandraBackend} for the layout and guarantees. */
final class CassandraStore implements IndexStore {
    /** Keys per {@code IN} clause of a multi-key read. */
    private static final int IN_CHUNK = 100;

    private final String name;
    private final CassandraTables t;
    private final CassandraBackend backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    CassandraStore(String name, CassandraTables tables, CassandraBackend backend) {
        this.name = name;
        this.t = tables;
        this.backend = backend;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        Row row = run("get", bind(t.getValue(), buffer(key))).one();
        return row == null ? Optional.empty() : Optional.of(array(row.getByteBuffer(0)));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        put(key, value, Map.of());
    }

    @Override
    public void put(byte[] key, byte[] value, Map<String, String> attributes) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> attrs = Arguments.attributes(attributes);
        checkOpen();
        ByteBuffer k = buffer(key);
        Map<String, String> old = attributesOf(List.of(Bytes.of(key))).getOrDefault(Bytes.of(key), Map.of());
        long ts = backend.nextTimestamp();
        for (Map.Entry<String, String> a : attrs.entrySet()) {
            run("index", bind(t.indexInsert(), a.getKey(), a.getValue(), k, ts));
        }
        run("put", bind(t.insert(), k, buffer(value), attrs, ts));
        unindexStale(k, old, attrs, ts - 1);
    }

    private void unindexStale(ByteBuffer key, Map<String, String> old, Map<String, String> current, long ts) {
        for (Map.Entry<String, String> a : old.entrySet()) {
            if (!a.getValue().equals(current.get(a.getKey()))) {
                run("unindex", bind(t.indexDelete(), ts, a.getKey(), a.getValue(), key));
            }
        }
    }

    @Override
    public boolean remove(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        Bytes b = Bytes.of(key);
        Map<Bytes, Map<String, String>> old = attributesOf(List.of(b));
        if (!old.containsKey(b)) {
            return false;
        }
        long ts = backend.nextTimestamp();
        ByteBuffer k = buffer(key);
        run("remove", bind(t.delete(), ts, k));
        unindexStale(k, old.get(b), Map.of(), ts);
        return true;
    }

    @Override
    public boolean hasKey(byte[] key) {
        return get(key).isPresent();
    }

    @Override
    public Map<Bytes, byte[]> getAll(Collection<byte[]> keys) {
        Objects.requireNonNull(keys, "keys");
        keys.forEach(k -> Objects.requireNonNull(k, "key"));
        checkOpen();
        Map<Bytes, byte[]> found = new HashMap<>();
        for (List<ByteBuffer> chunk : chunks(distinct(keys))) {
            for (Row row : run("get", bind(t.getValues(), chunk))) {
                found.put(Bytes.of(array(row.getByteBuffer(0))), array(row.getByteBuffer(1)));
            }
        }
        return found;
    }

    /**
     * Writes all entries, without attributes, in one single-partition batch: Cassandra applies it atomically and
     * isolated from readers. One batch must stay below Cassandra's maximum mutation size (half the commit log
     * segment size, 16 MiB by default).
     */
    @Override
    public void putAll(Map<Bytes, byte[]> entries) {
        Objects.requireNonNull(entries, "entries");
        entries.forEach((k, v) -> {
            Objects.requireNonNull(k, "key");
            Objects.requireNonNull(v, () -> "value of " + k);
        });
        checkOpen();
        if (entries.isEmpty()) {
            return;
        }
        Map<Bytes, Map<String, String>> old = attributesOf(entries.keySet());
        long ts = backend.nextTimestamp();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
                .setConsistencyLevel(t.consistency());
        entries.forEach((k, v) -> batch.addStatement(t.insert().bind(
                ByteBuffer.wrap(k.toArray()), ByteBuffer.wrap(v.clone()), Map.<String, String>of(), ts)));
        run("putAll", batch.build());
        old.forEach((k, attrs) -> unindexStale(ByteBuffer.wrap(k.toArray()), attrs, Map.of(), ts - 1));
    }

    @Override
    public long size() {
        checkOpen();
        return run("count", bind(t.count())).one().getLong(0);
    }

    @Override
    public Optional<Map<String, String>> attributes(byte[] key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return Optional.ofNullable(attributesOf(List.of(Bytes.of(key))).get(Bytes.of(key)));
    }

    @Override
    public List<Hit> query(List<Predicate> predicates) {
        Predicate eq = Arguments.firstEq(predicates);
        List<Predicate> all = List.copyOf(predicates);
        checkOpen();
        List<ByteBuffer> candidates = new ArrayList<>();
        for (Row row : run("query", bind(t.indexScan(), eq.attribute(), eq.value()))) {
            candidates.add(row.getByteBuffer(0));
        }
        TreeMap<Bytes, Hit> hits = new TreeMap<>();
        for (List<ByteBuffer> chunk : chunks(candidates)) {
            for (Row row : run("query", bind(t.getEntries(), chunk))) {
                Map<String, String> attrs = row.getMap(2, String.class, String.class);
                if (all.stream().allMatch(p -> p.test(attrs))) {
                    Bytes key = Bytes.of(array(row.getByteBuffer(0)));
                    hits.put(key, new Hit(key, array(row.getByteBuffer(1)), attrs));
                }
            }
        }
        return List.copyOf(hits.values());
    }

    @Override
    public void close() {
        closed.set(true);
    }

    private Map<Bytes, Map<String, String>> attributesOf(Collection<Bytes> keys) {
        List<ByteBuffer> buffers = keys.stream().map(k -> ByteBuffer.wrap(k.toArray())).toList();
        Map<Bytes, Map<String, String>> found = new HashMap<>();
        for (List<ByteBuffer> chunk : chunks(buffers)) {
            for (Row row : run("read attributes", bind(t.getAttributes(), chunk))) {
                found.put(Bytes.of(array(row.getByteBuffer(0))), Map.copyOf(row.getMap(1, String.class, String.class)));
            }
        }
        return found;
    }

    private void checkOpen() {
        backend.checkOpen();
        if (closed.get()) {
            throw new StoreClosedException("store " + name + " is closed");
        }
    }

    private BoundStatement bind(PreparedStatement statement, Object... values) {
        return statement.bind(values).setConsistencyLevel(t.consistency());
    }

    private ResultSet run(String what, Statement<?> statement) {
        return CassandraBackend.execute(what + " in " + t.data(), () -> t.session().execute(statement));
    }

    private static List<ByteBuffer> distinct(Collection<byte[]> keys) {
        Set<Bytes> unique = new LinkedHashSet<>();
        keys.forEach(k -> unique.add(Bytes.of(k)));
        return unique.stream().map(b -> ByteBuffer.wrap(b.toArray())).toList();
    }

    private static List<List<ByteBuffer>> chunks(List<ByteBuffer> keys) {
        List<List<ByteBuffer>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += IN_CHUNK) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + IN_CHUNK)));
        }
        return chunks;
    }

    private static ByteBuffer buffer(byte[] bytes) {
        return ByteBuffer.wrap(bytes.clone());
    }

    private static byte[] array(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
