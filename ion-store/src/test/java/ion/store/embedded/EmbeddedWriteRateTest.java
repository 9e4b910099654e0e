package ion.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.store.IndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures acknowledged writes per second of the embedded store for about half a second per case and prints the
 * rates. It asserts only that nothing was lost: the numbers depend on the machine.
 */
class EmbeddedWriteRateTest {
    private static final long RUN_MS = 500;

    @TempDir
    Path dir;

    @Test
    void measureWriteRates() throws Exception {
        for (EmbeddedStore.Durability durability : EmbeddedStore.Durability.values()) {
            for (int threads : new int[] {1, 4}) {
                Path sub = dir.resolve(durability + "-" + threads);
                long writes;
                try (EmbeddedStore backend = EmbeddedStore.open(sub, durability)) {
                    IndexStore store = backend.open("rate");
                    writes = run(store, threads);
                    assertEquals(writes, store.size());
                }
                long bytes = Files.size(sub.resolve(EmbeddedStore.FILE_NAME));
                System.out.printf("embedded store, %s, %d writer thread(s): %,d writes/s (file %,d bytes after"
                        + " %,d writes and close)%n", durability, threads, writes * 1000 / RUN_MS, bytes, writes);
            }
        }
    }

    private static long run(IndexStore store, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS);
            List<Future<Long>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                counts.add(pool.submit(() -> {
                    long n = 0;
                    byte[] value = new byte[100];
                    while (System.nanoTime() < end) {
                        store.put((id + ":" + n).getBytes(StandardCharsets.UTF_8), value);
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> f : counts) {
                total += f.get(RUN_MS + 30_000, TimeUnit.MILLISECONDS);
            }
            assertTrue(total > 0);
            return total;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
