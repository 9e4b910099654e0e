package ion.store.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Cassandra 5.0 for tests, run as a child JVM on JDK 17 (Cassandra does not run on
 * the JDK 21+ the tests use). Its class path comes from the {@code classpath.txt} resource that the
 * ion-store-cassandra-server module writes at build time, so no Cassandra jar is on the test class path.
 *
 * <p>It listens on two free loopback ports only, keeps all data in a temporary directory, and is stopped with
 * SIGTERM (then killed after {@link #STOP_GRACE}) by {@link #close()}, which also deletes the directory.
 */
final class CassandraNode implements AutoCloseable {
    /** Environment variable naming a JDK 17 home; otherwise {@code /usr/lib/jvm/*17*} is searched. */
    static final String JDK17_ENV = "ION_TEST_JDK17";
    static final String CLASSPATH_RESOURCE = "/ion/store/cassandra/server/classpath.txt";
    static final Duration START_DEADLINE = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** From Cassandra's conf/jvm17-server.options: what its internals need opened on JDK 17. */
    private static final List<String> JDK17_MODULE_OPTIONS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.math=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio.channels.spi=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio.charset=ALL-UNNAMED");

    private final Process process;
    private final Path dir;
    private final InetSocketAddress cql;
    private final Duration startTime;

    private CassandraNode(Process process, Path dir, InetSocketAddress cql, Duration startTime) {
        this.process = process;
        this.dir = dir;
        this.cql = cql;
        this.startTime = startTime;
    }

    /**
     * The {@code java} launcher of a JDK 17, if one is found: the home named by {@value #JDK17_ENV}, else the
     * first {@code /usr/lib/jvm/*17*} home whose {@code release} file says version 17.
     */
    static Optional<Path> findJava17() {
        String env = System.getenv(JDK17_ENV);
        if (env != null && !env.isBlank()) {
            return java17In(Paths.get(env));
        }
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> h.getFileName().toString().contains("17"))
                    .sorted()
                    .map(CassandraNode::java17In)
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> java17In(Path home) {
        Path java = home.resolve("bin").resolve("java");
        try {
            boolean is17 = Files.readAllLines(home.resolve("release")).stream()
                    .anyMatch(l -> l.startsWith("JAVA_VERSION=\"17"));
            return is17 && Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A human-readable description of where a JDK 17 was looked for. */
    static String whereJava17WasSought() {
        return "no JDK 17 found (set " + JDK17_ENV + " to a JDK 17 home, or install one under /usr/lib/jvm)";
    }

    /**
     * Starts a node with {@code java} and waits until CQL accepts connections.
     *
     * @throws IllegalStateException if the node exits or does not answer CQL within {@link #START_DEADLINE}
     */
    static CassandraNode start(Path java) {
        long t0 = System.nanoTime();
        try {
            List<String> classpath = readClasspath();
            Path jamm = classpath.stream().map(Paths::get)
                    .filter(p -> p.getFileName().toString().startsWith("jamm-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jamm jar on the Cassandra class path"));
            Path dir = Files.createTempDirectory("ion-cassandra-");
            int nativePort = freePort();
            int storagePort = freePort();
            Files.writeString(dir.resolve("cassandra.yaml"), yaml(dir, nativePort, storagePort));
            Files.writeString(dir.resolve("logback.xml"), LOGBACK);
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(List.of("-Xms256m", "-Xmx512m", "-Xss256k", "-XX:+UseG1GC",
                    "-Djava.net.preferIPv4Stack=true", "-Dcassandra-foreground=yes",
                    "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=100",
                    "-Djdk.attach.allowAttachSelf=true", "-Dio.netty.tryReflectionSetAccessible=true",
                    "-javaagent:" + jamm,
                    "-Dcassandra.config=" + dir.resolve("cassandra.yaml").toUri(),
                    "-Dcassandra.storagedir=" + dir,
                    "-Dcassandra.logdir=" + dir.resolve("logs"),
                    "-Dlogback.configurationFile=" + dir.resolve("logback.xml")));
            command.addAll(JDK17_MODULE_OPTIONS);
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath),
                    "org.apache.cassandra.service.CassandraDaemon"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile())
                    .start();
            // If the test JVM ends without close(), the node must not outlive it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "cassandra-node-reaper"));
            InetSocketAddress cql = new InetSocketAddress(InetAddress.getLoopbackAddress(), nativePort);
            CassandraNode node = new CassandraNode(process, dir, cql, Duration.ZERO);
            try {
                node.awaitCql(t0);
            } catch (RuntimeException e) {
                String console = node.consoleTail();
                node.close();
                throw new IllegalStateException(e.getMessage() + "\n--- Cassandra console ---\n" + console, e);
            }
            return new CassandraNode(process, dir, cql, Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cassandra", e);
        }
    }

    /** The loopback address of the CQL native transport. */
    InetSocketAddress cqlAddress() {
        return cql;
    }

    /** How long the node took from launch until CQL answered. */
    Duration startTime() {
        return startTime;
    }

    private void awaitCql(long t0) {
        long deadline = t0 + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra exited with status " + process.exitValue());
            }
            if (cqlAnswers()) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Cassandra", e);
            }
        }
        throw new IllegalStateException("Cassandra did not answer CQL on " + cql + " within " + START_DEADLINE);
    }

    private boolean cqlAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(cql, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    /** Stops the node (SIGTERM, then kill after {@link #STOP_GRACE}) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    private static List<String> readClasspath() throws IOException {
        try (InputStream in = CassandraNode.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + CLASSPATH_RESOURCE
                        + " missing: build with -am so that ion-store-cassandra-server is built first");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return Arrays.stream(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String yaml(Path dir, int nativePort, int storagePort) {
        return """
                cluster_name: ion-test
                num_tokens: 1
                initial_token: 0
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                endpoint_snitch: SimpleSnitch
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%2$d"
                listen_address: 127.0.0.1
                rpc_address: 127.0.0.1
                storage_port: %2$d
                native_transport_port: %1$d
                start_native_transport: true
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                commitlog_segment_size: 32MiB
                commitlog_directory: %3$s/commitlog
                data_file_directories:
                  - %3$s/data
                saved_caches_directory: %3$s/saved_caches
                hints_directory: %3$s/hints
                cdc_raw_directory: %3$s/cdc_raw
                local_system_data_file_directory: %3$s/system
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                role_manager: CassandraRoleManager
                auto_snapshot: false
                concurrent_reads: 4
                concurrent_writes: 4
                concurrent_counter_writes: 4
                concurrent_compactors: 1
                memtable_heap_space: 64MiB
                memtable_offheap_space: 64MiB
                native_transport_max_threads: 32
                """.formatted(nativePort, storagePort, dir);
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%-5level [%thread] %logger{0} %msg%n</pattern></encoder>
              </appender>
              <root level="INFO"><appender-ref ref="STDOUT"/></root>
            </configuration>
            """;
}
