package ion.store.embedded;

import ion.store.IndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for {@link EmbeddedStoreKillIT}. Arguments: the store directory and the number of writer
 * threads. Opens the embedded store, prints {@code ready}, then each writer thread {@code t} puts key
 * {@code k<t>-<i>} → value {@code v<t>-<i>} (with attribute {@code mod=<i mod 10>}) for i = 0, 1, 2, ... and
 * prints {@code acked <t>-<i>} after each put has returned, until the process is killed.
 */
public final class AckingWriter {
    private AckingWriter() {}

    public static void main(String[] args) {
        EmbeddedStore backend = EmbeddedStore.open(Path.of(args[0]));
        IndexStore store = backend.open("kill");
        int threads = Integer.parseInt(args[1]);
        System.out.println("ready");
        System.out.flush();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().name("writer-" + t).start(() -> {
                for (long i = 0; ; i++) {
                    String suffix = id + "-" + i;
                    store.put(("k" + suffix).getBytes(StandardCharsets.UTF_8),
                            ("v" + suffix).getBytes(StandardCharsets.UTF_8), Map.of("mod", Long.toString(i % 10)));
                    System.out.println("acked " + suffix);
                }
            });
        }
    }
}
