package ion.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ion.store.IndexStore;
import ion.store.Predicate;
import ion.store.StoreLockedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes to the embedded store in a loop and reports each acknowledged put; it is killed with
 * SIGKILL mid-loop, and every acknowledged write must be in the store when it is opened again.
 */
class EmbeddedStoreKillIT {
    private static final Pattern ACK = Pattern.compile("acked (\\d+-\\d+)");
    private static final long READY_TIMEOUT_MS = 30_000;
    private static final long WRITE_MS = 1_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} writer thread(s)")
    @ValueSource(ints = {1, 4})
    void sigkillDuringWriteLoopLosesNoAcknowledgedWrite(int threads) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                AckingWriter.class.getName(), dir.toString(),
                Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Thread reader = Thread.ofPlatform().daemon().name("child-stdout").start(() -> readLines(child, lines));
        try {
            long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
            while (!lines.contains("ready")) {
                if (System.currentTimeMillis() > deadline || !child.isAlive()) {
                    fail("child did not start writing within " + READY_TIMEOUT_MS + " ms; output: " + lines);
                }
                Thread.sleep(20);
            }
            Thread.sleep(WRITE_MS);
            assertThrows(StoreLockedException.class, () -> EmbeddedStore.open(dir),
                    "the store of a live process must be refused");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "killed child did not exit");
        }
        reader.join(10_000);
        assertTrue(!reader.isAlive(), "child's stdout did not reach end of file");
        assertEquals(137, child.exitValue(), "child was not ended by SIGKILL");

        List<String> acked = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ACK.matcher(line);
            if (m.matches()) {
                acked.add(m.group(1));
            }
        }
        assertTrue(acked.size() > 10, "too few acknowledged writes to be a test: " + acked.size());
        System.out.println("EmbeddedStoreKillIT: " + acked.size() + " acknowledged writes by " + threads
                + " thread(s) in about " + WRITE_MS + " ms before SIGKILL");

        try (EmbeddedStore reopened = EmbeddedStore.open(dir)) {
            IndexStore store = reopened.open("kill");
            for (String i : acked) {
                byte[] value = store.get(("k" + i).getBytes(StandardCharsets.UTF_8))
                        .orElseThrow(() -> new AssertionError("acknowledged write k" + i + " lost"));
                assertEquals("v" + i, new String(value, StandardCharsets.UTF_8));
            }
            String last = acked.get(acked.size() - 1);
            long lastIndex = Long.parseLong(last.substring(last.indexOf('-') + 1));
            assertTrue(store.size() >= acked.size(), "store has fewer keys than acknowledged writes");
            assertTrue(store.query(List.of(Predicate.eq("mod", Long.toString(lastIndex % 10)))).stream()
                    .anyMatch(h -> new String(h.key().toArray(), StandardCharsets.UTF_8).equals("k" + last)),
                    "index of the last acknowledged write lost");
        }
    }

    /** Collects complete lines only: a line cut off by the kill has no newline and is dropped. */
    private static void readLines(Process child, ConcurrentLinkedQueue<String> lines) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
        } catch (IOException e) {
            lines.add("read error: " + e);
        }
    }
}
