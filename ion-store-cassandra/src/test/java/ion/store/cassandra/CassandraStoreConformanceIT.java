package ion.store.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreException;
import ion.store.conformance.PersistentStoreConformance;
import ion.store.spi.StoreBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store conformance suite against a real Cassandra 5.0 that this class starts in a child JVM on JDK 17
 * and stops afterwards. Without a JDK 17 the class is skipped with a printed reason, or fails when
 * {@code CI=true}.
 */
class CassandraStoreConformanceIT extends PersistentStoreConformance {
    private static final AtomicInteger SYSTEMS = new AtomicInteger();
    private static CassandraNode node;
    private static CqlSession admin;

    private String system;

    @BeforeAll
    static void startCassandra() {
        Optional<Path> java = CassandraNode.findJava17();
        if (java.isEmpty()) {
            String reason = CassandraNode.whereJava17WasSought() + ": cannot start Cassandra for "
                    + CassandraStoreConformanceIT.class.getSimpleName();
            if ("true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""))) {
                fail(reason + " (CI=true requires it)");
            }
            System.err.println("[SKIPPED] " + reason + " (with CI=true this fails)");
            Assumptions.abort(reason);
        }
        node = CassandraNode.start(java.get());
        System.err.println("Cassandra answered CQL " + node.startTime().toMillis() + " ms after launch");
        admin = CqlSession.builder().addContactPoint(node.cqlAddress()).withLocalDatacenter("datacenter1").build();
    }

    @AfterAll
    static void stopCassandra() {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private CassandraBackend.Builder builder(String name) {
        return CassandraBackend.builder(name).contactPoint(node.cqlAddress());
    }

    @Override
    protected StoreBackend newBackend() {
        system = "conformance_" + SYSTEMS.incrementAndGet();
        return builder(system).connect();
    }

    @Override
    protected StoreBackend reopenBackend() {
        backend.close();
        return builder(system).connect();
    }

    @Test
    void cassandraJarsAreNotOnTheTestClassPath() {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.cassandra.service.CassandraDaemon"));
        assertFalse(System.getProperty("java.class.path").contains("cassandra-all"));
    }

    @Test
    void keyspaceAndTablesAreCreatedOnFirstUse() {
        String name = "First Use " + SYSTEMS.incrementAndGet();
        try (CassandraBackend b = builder(name).replicationFactor(1).connect()) {
            String ks = b.keyspace();
            assertTrue(ks.matches("ion_first_use_\\d+_[0-9a-f]{16}"), ks);
            assertEquals(0, admin.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    ks).all().size(), "no keyspace before the first store is opened");
            IndexStore s = b.open("things");
            assertEquals("1", admin.execute("SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    ks).one().getMap(0, String.class, String.class).get("replication_factor"));
            assertEquals(2, admin.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", ks)
                    .all().size(), "one data and one index table");
            s.put("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), Map.of("a", "1"));
            assertEquals(1, admin.execute("SELECT k FROM " + ks + ".d_things WHERE p = 0").all().size());
            assertEquals(1, admin.execute("SELECT k FROM " + ks + ".i_things WHERE a = 'a' AND v = '1'")
                    .all().size());
        }
    }

    @Test
    void consistencyLevelIsApplied() {
        String name = "consistency_" + SYSTEMS.incrementAndGet();
        try (CassandraBackend b = builder(name).consistency(DefaultConsistencyLevel.TWO).connect()) {
            assertEquals(DefaultConsistencyLevel.TWO, b.consistency());
            IndexStore s = b.open("s");
            StoreException e = assertThrows(StoreException.class,
                    () -> s.put("k".getBytes(StandardCharsets.UTF_8), new byte[0]));
            assertInstanceOf(UnavailableException.class, e.getCause(),
                    "a single node cannot serve TWO replicas: " + e.getMessage());
        }
        try (CassandraBackend b = builder(name).consistency(DefaultConsistencyLevel.ONE).connect()) {
            IndexStore s = b.open("s");
            s.put("k".getBytes(StandardCharsets.UTF_8), new byte[0]);
            assertTrue(s.hasKey("k".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> keys(List<IndexStore.Hit> hits) {
        return hits.stream().map(h -> s(h.key().toArray())).toList();
    }

    @Test
    void staleIndexRowsAreNeverSeen() {
        store.put(b("k"), b("v"), Map.of("color", "red"));
        CassandraBackend cassandra = (CassandraBackend) backend;
        admin.execute("INSERT INTO " + cassandra.keyspace() + ".i_conformance (a, v, k) VALUES ('color', 'blue', 0x6b)");
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("color", "blue")))));
        assertEquals(List.of("k"), keys(store.query(List.of(Predicate.eq("color", "red")))));
    }

    @Test
    void concurrentWritersOfOneKeyLeaveItIndexedUnderItsLastAttributes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String color = "c" + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        store.put(b("k"), b(color), Map.of("color", color));
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
        String last = store.attributes(b("k")).orElseThrow().get("color");
        assertEquals(last, s(store.get(b("k")).orElseThrow()), "value and attributes change together");
        for (int t = 0; t < 4; t++) {
            String color = "c" + t;
            assertEquals(color.equals(last) ? List.of("k") : List.of(),
                    keys(store.query(List.of(Predicate.eq("color", color)))), color);
        }
    }
}
