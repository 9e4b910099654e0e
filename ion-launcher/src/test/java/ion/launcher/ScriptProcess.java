package ion.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * One of the repository's {@code bin/} scripts running as a child process, its stdout and stderr collected line
 * by line on background threads. {@link #close()} stops it whatever state it is in.
 */
final class ScriptProcess implements AutoCloseable {
    /** How long a container may take to start and print its lines. */
    static final Duration START = Duration.ofSeconds(30);
    /** How long a short-lived script (a refused start, an ion-call) may take to finish. */
    static final Duration FINISH = Duration.ofSeconds(30);

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Path ROOT = findRoot();

    private final String description;
    private final Process process;
    private final Lines out;
    private final Lines err;

    private ScriptProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.out = new Lines(process.getInputStream(), description + " stdout");
        this.err = new Lines(process.getErrorStream(), description + " stderr");
    }

    /** Starts {@code bin/<script>} with {@code args}, from the repository root. */
    static ScriptProcess start(String script, String... args) throws IOException {
        return start(Map.of(), script, args);
    }

    /** Starts {@code bin/<script>} with {@code args} and extra environment variables, from the repository root. */
    static ScriptProcess start(Map<String, String> env, String script, String... args) throws IOException {
        Path launcherJar = ROOT.resolve("ion-launcher/target/ion-launcher.jar");
        assertTrue(Files.isRegularFile(launcherJar) && Files.isDirectory(ROOT.resolve("ion-launcher/target/lib")),
                "the launcher is not packaged yet (" + launcherJar + "); run these tests with 'mvn verify'");
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        return run(env, command, ("bin/" + script + " " + String.join(" ", args)).strip());
    }

    /**
     * Starts {@code bin/<script> args} inside a pseudo-terminal of {@code cols} columns (util-linux
     * {@code script}), so that it sees a terminal; what is {@linkplain #type typed} arrives as keystrokes.
     */
    static ScriptProcess startInTerminal(Map<String, String> env, int cols, String script, String... args)
            throws IOException {
        String inner = "stty cols " + cols + " rows 40; exec " + ROOT.resolve("bin").resolve(script) + " "
                + String.join(" ", args);
        return run(env, List.of("script", "-qfec", inner, "/dev/null"), "script -c '" + inner + "'");
    }

    /** True if util-linux {@code script} is installed. */
    static boolean canRunInTerminal() {
        return Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script"));
    }

    private static ScriptProcess run(Map<String, String> env, List<String> command, String description)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return new ScriptProcess(description, builder.start());
    }

    /** A sysname no other test or run uses. */
    static String uniqueSysname() {
        return "launcher-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The repository root: the nearest folder above the working directory that holds {@code bin/ion-cc}. */
    private static Path findRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/ion-cc"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder containing bin/ion-cc above " + Path.of("").toAbsolutePath());
    }

    /** The first stdout line starting with {@code prefix}, waiting for it at most {@code deadline}. */
    String awaitLine(String prefix, Duration deadline) {
        return out.await(l -> l.startsWith(prefix), deadline)
                .orElseGet(() -> fail("no line starting with '" + prefix + "' within " + deadline.toSeconds()
                        + " s; " + report()));
    }

    /** The first stdout line containing {@code fragment}, waiting for it at most {@code deadline}. */
    String awaitLineContaining(String fragment, Duration deadline) {
        return out.await(l -> l.contains(fragment), deadline)
                .orElseGet(() -> fail("no line containing '" + fragment + "' within " + deadline.toSeconds()
                        + " s; " + report()));
    }

    /** The first stderr line containing {@code fragment}, waiting for it at most {@code deadline}. */
    String awaitErrorLineContaining(String fragment, Duration deadline) {
        return err.await(l -> l.contains(fragment), deadline)
                .orElseGet(() -> fail("no stderr line containing '" + fragment + "' within " + deadline.toSeconds()
                        + " s; " + report()));
    }

    /** The text after {@code prefix} on the first stdout line starting with it. */
    String awaitValue(String prefix, Duration deadline) {
        return awaitLine(prefix, deadline).substring(prefix.length()).strip();
    }

    /** Waits for the process to exit and its output to be read, at most {@code deadline}; its exit status. */
    int awaitExit(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        if (!process.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
            fail("did not exit within " + deadline.toSeconds() + " s; " + report());
        }
        out.awaitEnd(Math.max(0, end - System.nanoTime()));
        err.awaitEnd(Math.max(0, end - System.nanoTime()));
        return process.exitValue();
    }

    /** Writes text to the process's stdin. */
    void type(String text) throws IOException {
        process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** True while the process runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Closes the process's stdin: end of input. */
    void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    /** Sends SIGTERM, keeping the output streams open to read what the process prints while it stops. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL: the process dies at once, without a chance to clean up or say goodbye. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("did not die within " + STOP_GRACE.toSeconds() + " s of SIGKILL; " + report());
        }
    }

    String stdout() {
        return out.text();
    }

    String stderr() {
        return err.text();
    }

    /** The command, and what it printed so far: for assertion messages. */
    String report() {
        return description + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr();
    }

    /** Stops the process if it still runs: SIGTERM, then SIGKILL if it has not exited in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Lines of one output stream, read on a thread of their own. */
    private static final class Lines {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Lines(InputStream stream, String name) {
            reader = Thread.ofPlatform().daemon().name(name).start(() -> read(stream));
        }

        private void read(InputStream stream) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    add(line);
                }
            } catch (IOException e) {
                add("<reading failed: " + e.getMessage() + ">");
            } finally {
                lock.lock();
                try {
                    ended = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        private void add(String line) {
            lock.lock();
            try {
                lines.add(line);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        Optional<String> await(Predicate<String> wanted, Duration deadline) {
            long left = deadline.toNanos();
            lock.lock();
            try {
                while (true) {
                    Optional<String> found = lines.stream().filter(wanted).findFirst();
                    if (found.isPresent() || ended || left <= 0) {
                        return found;
                    }
                    left = changed.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } finally {
                lock.unlock();
            }
        }

        void awaitEnd(long nanos) throws InterruptedException {
            reader.join(Duration.ofNanos(nanos));
        }

        String text() {
            lock.lock();
            try {
                StringBuilder b = new StringBuilder();
                lines.forEach(l -> b.append(l).append('\n'));
                return b.toString();
            } finally {
                lock.unlock();
            }
        }
    }
}
