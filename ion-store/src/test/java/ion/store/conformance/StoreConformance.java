package ion.store.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.store.Bytes;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.Store;
import ion.store.StoreClosedException;
import ion.store.spi.StoreBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store backend must have. One subclass per backend supplies {@link #newBackend()}; the
 * same tests, the same expectations. A backend whose data outlives its instance extends
 * {@link PersistentStoreConformance} instead.
 */
public abstract class StoreConformance {
    protected StoreBackend backend;
    protected IndexStore store;

    /** A fresh, empty backend for one test. */
    protected abstract StoreBackend newBackend();

    @BeforeEach
    void openStore() {
        backend = newBackend();
        store = backend.open("conformance");
    }

    @AfterEach
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, UTF_8);
    }

    static List<String> keys(List<IndexStore.Hit> hits) {
        return hits.stream().map(h -> s(h.key().toArray())).toList();
    }

    @Test
    void putGetOverwriteRemoveHasKey() {
        assertTrue(store.get(b("k")).isEmpty());
        assertFalse(store.hasKey(b("k")));
        store.put(b("k"), b("v1"));
        assertArrayEquals(b("v1"), store.get(b("k")).orElseThrow());
        assertTrue(store.hasKey(b("k")));
        store.put(b("k"), b("v2"));
        assertArrayEquals(b("v2"), store.get(b("k")).orElseThrow());
        assertEquals(1, store.size());
        assertTrue(store.remove(b("k")));
        assertFalse(store.remove(b("k")));
        assertTrue(store.get(b("k")).isEmpty());
        assertFalse(store.hasKey(b("k")));
        assertEquals(0, store.size());
    }

    @Test
    void keysAreComparedByContentAndArraysAreCopied() {
        byte[] key = b("key");
        byte[] value = b("value");
        store.put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        assertArrayEquals(b("value"), store.get(b("key")).orElseThrow());
        store.get(b("key")).orElseThrow()[0] = 'Y';
        assertArrayEquals(b("value"), store.get(b("key")).orElseThrow());
    }

    @Test
    void emptyAndLargeValues() {
        store.put(b("empty"), new byte[0]);
        assertArrayEquals(new byte[0], store.get(b("empty")).orElseThrow());
        byte[] large = new byte[4 << 20];
        new Random(42).nextBytes(large);
        store.put(b("large"), large);
        assertArrayEquals(large, store.get(b("large")).orElseThrow());
    }

    @Test
    void binaryKeysWithZeroAndHighBytes() {
        byte[] k1 = {0};
        byte[] k2 = {0, 0};
        byte[] k3 = {1, 0, (byte) 0xff, 0, 2};
        byte[] k4 = {};
        store.put(k1, b("one"));
        store.put(k2, b("two"));
        store.put(k3, b("three"));
        store.put(k4, b("empty key"));
        assertEquals("one", s(store.get(k1).orElseThrow()));
        assertEquals("two", s(store.get(k2).orElseThrow()));
        assertEquals("three", s(store.get(k3).orElseThrow()));
        assertEquals("empty key", s(store.get(k4).orElseThrow()));
        assertTrue(store.get(new byte[] {0, 0, 0}).isEmpty());
        assertEquals(4, store.size());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> store.put(null, b("v")));
        assertThrows(NullPointerException.class, () -> store.put(b("k"), null));
        assertThrows(NullPointerException.class, () -> store.get(null));
        assertThrows(NullPointerException.class, () -> store.put(b("k"), b("v"), null));
        assertFalse(store.hasKey(b("k")));
    }

    @Test
    void batchGetAndPut() {
        Map<Bytes, byte[]> batch = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            batch.put(Bytes.utf8("k" + i), b("v" + i));
        }
        store.putAll(batch);
        assertEquals(100, store.size());
        Map<Bytes, byte[]> found = store.getAll(List.of(b("k3"), b("k99"), b("missing")));
        assertEquals(2, found.size());
        assertEquals("v3", s(found.get(Bytes.utf8("k3"))));
        assertEquals("v99", s(found.get(Bytes.utf8("k99"))));
        assertTrue(store.getAll(List.of()).isEmpty());
    }

    @Test
    void storesOfDifferentNamesAreSeparateAndSameNameShares() {
        Store other = backend.open("other");
        store.put(b("k"), b("here"));
        assertTrue(other.get(b("k")).isEmpty());
        other.put(b("k"), b("there"));
        assertEquals("here", s(store.get(b("k")).orElseThrow()));
        assertEquals("here", s(backend.open("conformance").get(b("k")).orElseThrow()));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.put(b(id + ":" + i), b("v" + id + ":" + i), Map.of("thread", "t" + id));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(threads * perThread, store.size());
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertEquals("v" + t + ":" + i, s(store.get(b(t + ":" + i)).orElseThrow()));
            }
            assertEquals(perThread, store.query(List.of(Predicate.eq("thread", "t" + t))).size());
        }
    }

    @Test
    void readersNeverSeePartOfABatch() throws Exception {
        store.putAll(Map.of(Bytes.utf8("a"), b("0"), Bytes.utf8("b"), b("0")));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    store.putAll(Map.of(Bytes.utf8("a"), b("" + i), Bytes.utf8("b"), b("" + i)));
                }
            });
            while (!writer.isDone()) {
                Map<Bytes, byte[]> both = store.getAll(List.of(b("a"), b("b")));
                assertEquals(s(both.get(Bytes.utf8("a"))), s(both.get(Bytes.utf8("b"))));
            }
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals("300", s(store.get(b("b")).orElseThrow()));
    }

    void putPeople() {
        store.put(b("ann"), b("A"), Map.of("state", "CA", "birth_date", "1970-01-02", "full_name", "Ann"));
        store.put(b("bob"), b("B"), Map.of("state", "CA", "birth_date", "1985-06-30", "full_name", "Bob"));
        store.put(b("cyd"), b("C"), Map.of("state", "OR", "birth_date", "1990-12-12", "full_name", "Cyd"));
        store.put(b("dan"), b("D"), Map.of("state", "CA", "birth_date", "1999-03-03"));
        store.put(b("eve"), b("E"));
    }

    @Test
    void queryEq() {
        putPeople();
        List<IndexStore.Hit> hits = store.query(List.of(Predicate.eq("state", "CA")));
        assertEquals(List.of("ann", "bob", "dan"), keys(hits));
        assertEquals("A", s(hits.get(0).value()));
        assertEquals(Map.of("state", "CA", "birth_date", "1970-01-02", "full_name", "Ann"),
                hits.get(0).attributes());
        assertEquals(List.of(), store.query(List.of(Predicate.eq("state", "NY"))));
        assertEquals(List.of(), store.query(List.of(Predicate.eq("nope", "CA"))));
    }

    @Test
    void queryEqAndGt() {
        putPeople();
        assertEquals(List.of("bob", "dan"),
                keys(store.query(List.of(Predicate.eq("state", "CA"), Predicate.gt("birth_date", "1980")))));
        assertEquals(List.of("bob", "dan"),
                keys(store.query(List.of(Predicate.gt("birth_date", "1980"), Predicate.eq("state", "CA")))));
        assertEquals(List.of(),
                keys(store.query(List.of(Predicate.eq("state", "CA"), Predicate.gt("birth_date", "1999-03-03")))));
        assertEquals(List.of("ann", "bob"),
                keys(store.query(List.of(Predicate.eq("state", "CA"), Predicate.gt("full_name", "")))),
                "an entry without the attribute satisfies no GT on it");
    }

    @Test
    void gtIsLexicographic() {
        store.put(b("nine"), b("9"), Map.of("kind", "n", "n", "9"));
        store.put(b("ten"), b("10"), Map.of("kind", "n", "n", "10"));
        assertEquals(List.of("nine"), keys(store.query(List.of(Predicate.eq("kind", "n"), Predicate.gt("n", "5")))));
    }

    @Test
    void queryMultipleEq() {
        putPeople();
        assertEquals(List.of("bob"),
                keys(store.query(List.of(Predicate.eq("state", "CA"), Predicate.eq("full_name", "Bob")))));
        assertEquals(List.of(),
                keys(store.query(List.of(Predicate.eq("state", "OR"), Predicate.eq("full_name", "Bob")))));
    }

    @Test
    void queryWithoutEqIsRefused() {
        putPeople();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.query(List.of(Predicate.gt("birth_date", "1980"))));
        assertTrue(e.getMessage().contains("at least one EQ"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.query(List.of()));
    }

    @Test
    void indexFollowsRemove() {
        putPeople();
        assertTrue(store.remove(b("bob")));
        assertEquals(List.of("ann", "dan"), keys(store.query(List.of(Predicate.eq("state", "CA")))));
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("full_name", "Bob")))));
        store.put(b("bob"), b("B2"));
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("full_name", "Bob")))),
                "a key put again without attributes must not reappear under its old ones");
    }

    @Test
    void indexFollowsUpdate() {
        putPeople();
        store.put(b("ann"), b("A2"), Map.of("state", "OR"));
        assertEquals(List.of("bob", "dan"), keys(store.query(List.of(Predicate.eq("state", "CA")))));
        List<IndexStore.Hit> or = store.query(List.of(Predicate.eq("state", "OR")));
        assertEquals(List.of("ann", "cyd"), keys(or));
        assertEquals("A2", s(or.get(0).value()));
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("full_name", "Ann")))));
        assertEquals(Map.of("state", "OR"), store.attributes(b("ann")).orElseThrow());
        store.put(b("cyd"), b("C2"));
        assertEquals(List.of("ann"), keys(store.query(List.of(Predicate.eq("state", "OR")))));
        assertEquals(Map.of(), store.attributes(b("cyd")).orElseThrow());
        assertTrue(store.attributes(b("nobody")).isEmpty());
        store.putAll(Map.of(Bytes.utf8("ann"), b("A3")));
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("state", "OR")))),
                "putAll stores entries without attributes");
    }

    @Test
    void attributeValuesWithZeroCharsDoNotCollide() {
        store.put(b("a"), b("1"), Map.of("x", "p\0q"));
        store.put(b("b"), b("2"), Map.of("x", "p"));
        store.put(b("c"), b("3"), Map.of("x\0", "q"));
        assertEquals(List.of("a"), keys(store.query(List.of(Predicate.eq("x", "p\0q")))));
        assertEquals(List.of("b"), keys(store.query(List.of(Predicate.eq("x", "p")))));
        assertEquals(List.of("c"), keys(store.query(List.of(Predicate.eq("x\0", "q")))));
    }

    @Test
    void blankAttributeNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.put(b("k"), b("v"), Map.of(" ", "x")));
        assertFalse(store.hasKey(b("k")));
    }

    @Test
    void closedStoreRefusesOperations() {
        store.put(b("k"), b("v"));
        store.close();
        assertThrows(StoreClosedException.class, () -> store.get(b("k")));
        assertThrows(StoreClosedException.class, () -> store.put(b("k"), b("v")));
        assertEquals("v", s(backend.open("conformance").get(b("k")).orElseThrow()));
        backend.close();
        assertThrows(StoreClosedException.class, () -> backend.open("conformance"));
    }
}
