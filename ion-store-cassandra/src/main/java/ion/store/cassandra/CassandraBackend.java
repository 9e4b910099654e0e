package ion.store.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import ion.store.IndexStore;
import ion.store.StoreClosedException;
import ion.store.StoreException;
import ion.store.spi.Arguments;
import ion.store.spi.StoreBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A {@link StoreBackend} on Apache Cassandra, through the Apache Cassandra Java driver.
 *
 * <p><b>Layout.</b> One keyspace per system: the system name made into a CQL identifier (see
 * {@link #keyspaceFor(String)}), created with the configured replication when the first store is opened. Each
 * named store is two tables, created when the store is first opened: {@code d_<store>} holds the entries (key,
 * value and the attribute map), {@code i_<store>} the index, one row per (attribute, value, key). All entries of
 * a store live in one Cassandra partition, because Cassandra isolates a write from readers only within one
 * partition and {@link ion.store.Store#putAll} promises readers all or nothing of a batch; a store is therefore
 * bounded by what one partition holds well (a few hundred MB) and by one replica set.
 *
 * <p><b>Indexes.</b> Every write carries an explicit client timestamp T: new index rows are written at T before
 * the entry, and index rows of attribute values the entry no longer has are deleted at T&nbsp;-&nbsp;1 after it,
 * so a concurrent later write is never undone and a crash leaves at most stale index rows. A query reads the
 * index for its first {@link ion.store.Predicate.Op#EQ EQ} predicate, then reads the candidate entries and keeps
 * those whose current attributes satisfy every predicate, so stale index rows are never visible.
 * Timestamps come from this backend's clock, strictly increasing per backend; writers of the same key in other
 * processes rely, as all of Cassandra's last-write-wins does, on clocks that agree. {@code remove} reports
 * whether it found the key by a read before the delete.
 *
 * <p><b>Consistency.</b> Every statement runs at the configured consistency level, {@code LOCAL_QUORUM} unless
 * set otherwise: with a replication factor of 1 that is the single replica; with 3, reads and writes at
 * LOCAL_QUORUM see each other. Durability is that of the cluster: an acknowledged write is in the commit log of
 * the replicas the consistency level waited for, synced to disk per Cassandra's {@code commitlog_sync}.
 *
 * <p>Thread-safe. {@link #close()} closes the driver session and every store opened from this backend.
 */
public final class CassandraBackend implements StoreBackend {
    /** The consistency level when none is configured. */
    public static final ConsistencyLevel DEFAULT_CONSISTENCY = DefaultConsistencyLevel.LOCAL_QUORUM;
    /** The replication of keyspaces created when none is configured. */
    public static final String DEFAULT_REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

    private static final int MAX_IDENTIFIER = 48;
    private static final Pattern PLAIN = Pattern.compile("[a-z][a-z0-9_]*");

    private final CqlSession session;
    private final String keyspace;
    private final String replication;
    private final ConsistencyLevel consistency;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean keyspaceCreated = new AtomicBoolean();
    private final ReentrantLock schemaLock = new ReentrantLock();
    private final Map<String, CassandraTables> tables = new ConcurrentHashMap<>();
    private final AtomicLong lastTimestamp = new AtomicLong();

    private CassandraBackend(CqlSession session, String keyspace, String replication, ConsistencyLevel consistency) {
        this.session = session;
        this.keyspace = keyspace;
        this.replication = replication;
        this.consistency = consistency;
    }

    /** A builder for a backend holding the stores of {@code system}. */
    public static Builder builder(String system) {
        return new Builder(system);
    }

    /** Configures and connects a {@link CassandraBackend}. Not thread-safe. */
    public static final class Builder {
        private final String system;
        private InetSocketAddress contactPoint = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9042);
        private String localDatacenter = "datacenter1";
        private String replication = DEFAULT_REPLICATION;
        private ConsistencyLevel consistency = DEFAULT_CONSISTENCY;
        private Duration requestTimeout = Duration.ofSeconds(10);

        private Builder(String system) {
            Objects.requireNonNull(system, "system");
            if (system.isBlank()) {
                throw new IllegalArgumentException("a system name must not be blank");
            }
            this.system = system;
        }

        /** The node the driver first connects to; default 127.0.0.1:9042. */
        public Builder contactPoint(InetSocketAddress address) {
            this.contactPoint = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The driver's local datacenter; default {@code datacenter1}. */
        public Builder localDatacenter(String datacenter) {
            this.localDatacenter = Objects.requireNonNull(datacenter, "datacenter");
            return this;
        }

        /** {@code SimpleStrategy} with {@code factor} replicas for the keyspace, if this backend creates it. */
        public Builder replicationFactor(int factor) {
            if (factor < 1) {
                throw new IllegalArgumentException("a replication factor must be at least 1, got " + factor);
            }
            this.replication = "{'class': 'SimpleStrategy', 'replication_factor': " + factor + "}";
            return this;
        }

        /**
         * A CQL replication map for the keyspace, if this backend creates it, for example
         * {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}.
         */
        public Builder replication(String cqlMap) {
            Objects.requireNonNull(cqlMap, "cqlMap");
            if (!cqlMap.strip().startsWith("{") || !cqlMap.strip().endsWith("}")) {
                throw new IllegalArgumentException("a replication must be a CQL map literal, got " + cqlMap);
            }
            this.replication = cqlMap.strip();
            return this;
        }

        /** The consistency level of every statement; default {@link #DEFAULT_CONSISTENCY}. */
        public Builder consistency(ConsistencyLevel level) {
            this.consistency = Objects.requireNonNull(level, "level");
            return this;
        }

        /** How long one request may take; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a request timeout must be positive, got " + timeout);
            }
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Connects. No schema is created until the first {@link CassandraBackend#open(String)}.
         *
         * @throws StoreException if the cluster cannot be reached
         */
        public CassandraBackend connect() {
            DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                    .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency.name())
                    .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, requestTimeout)
                    .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                    .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                    // Netty's default 2 s quiet period makes every close() take 2 s; 200 ms lets late
                    // listener notifications run, which a quiet period of 0 would reject with logged errors.
                    .withString(DefaultDriverOption.NETTY_IO_SHUTDOWN_UNIT, "MILLISECONDS")
                    .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 200)
                    .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_TIMEOUT, 15_000)
                    .withString(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_UNIT, "MILLISECONDS")
                    .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_QUIET_PERIOD, 200)
                    .withInt(DefaultDriverOption.NETTY_ADMIN_SHUTDOWN_TIMEOUT, 15_000)
                    .build();
            try {
                CqlSession session = CqlSession.builder()
                        .addContactPoint(contactPoint)
                        .withLocalDatacenter(localDatacenter)
                        .withConfigLoader(config)
                        .build();
                return new CassandraBackend(session, keyspaceFor(system), replication, consistency);
            } catch (DriverException e) {
                throw new StoreException("cannot connect to Cassandra at " + contactPoint + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The keyspace of {@code system}: the name itself when it is already a plain lower-case CQL identifier of
     * at most 48 characters not starting with {@code system}; otherwise its letters and digits in lower case,
     * other characters as {@code _}, prefixed with {@code ion_} and suffixed with a hash of the exact name, so
     * that different names never share a keyspace.
     */
    public static String keyspaceFor(String system) {
        return identifier(Objects.requireNonNull(system, "system"), MAX_IDENTIFIER);
    }

    static String identifier(String name, int max) {
        if (PLAIN.matcher(name).matches() && name.length() <= max && !name.startsWith("system")) {
            return name;
        }
        String hash = HexFormat.of().formatHex(sha256(name), 0, 8);
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String prefix = "ion_" + cleaned;
        int room = max - hash.length() - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "_" + hash;
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The keyspace this backend keeps its stores in. */
    public String keyspace() {
        return keyspace;
    }

    /** The consistency level every statement runs at. */
    public ConsistencyLevel consistency() {
        return consistency;
    }

    /**
     * Opens the store {@code name}, creating the keyspace and its tables on first use.
     *
     * @throws StoreException if Cassandra refuses the schema change or cannot be reached
     */
    @Override
    public IndexStore open(String name) {
        Arguments.storeName(name);
        checkOpen();
        ensureKeyspace();
        CassandraTables t = tables.computeIfAbsent(name,
                n -> CassandraTables.create(session, keyspace, identifier(n, MAX_IDENTIFIER - 2), consistency));
        return new CassandraStore(name, t, this);
    }

    private void ensureKeyspace() {
        if (keyspaceCreated.get()) {
            return;
        }
        schemaLock.lock();
        try {
            if (!keyspaceCreated.get()) {
                execute("create keyspace " + keyspace, () -> session.execute(
                        "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication));
                keyspaceCreated.set(true);
            }
        } finally {
            schemaLock.unlock();
        }
    }

    void checkOpen() {
        if (closed.get()) {
            throw new StoreClosedException("the Cassandra backend for keyspace " + keyspace + " is closed");
        }
    }

    /** A client timestamp in microseconds, strictly increasing by at least 2 per call within this backend. */
    long nextTimestamp() {
        long now = System.currentTimeMillis() * 1000;
        return lastTimestamp.updateAndGet(prev -> Math.max(prev + 2, now));
    }

    static <T> T execute(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (DriverException e) {
            throw new StoreException("Cassandra failed to " + what + ": " + e.getMessage(), precise(e));
        }
    }

    /** The one node error behind an {@link AllNodesFailedException} that holds only one, else {@code e}. */
    private static DriverException precise(DriverException e) {
        if (e instanceof AllNodesFailedException all) {
            List<Throwable> errors = all.getAllErrors().values().stream().flatMap(List::stream).toList();
            if (errors.size() == 1 && errors.get(0) instanceof DriverException single) {
                return single;
            }
        }
        return e;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            session.close();
        }
    }
}
