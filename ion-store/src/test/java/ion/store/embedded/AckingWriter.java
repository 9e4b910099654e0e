package ion.store.embedded;

import ion.store.IndexStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-process main for {@link EmbeddedStoreKillIT}: opens the embedded store in the directory given as the
 * only argument, prints {@code ready}, then puts key {@code k<i>} → value {@code v<i>} (with attribute
 * {@code mod=<i mod 10>}) for i = 0, 1, 2, ... and prints {@code acked <i>} after each put has returned, until
 * it is killed.
 */
public final class AckingWriter {
    private AckingWriter() {}

    public static void main(String[] args) {
        EmbeddedStore backend = EmbeddedStore.open(Path.of(args[0]));
        IndexStore store = backend.open("kill");
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            store.put(("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8),
                    Map.of("mod", Long.toString(i % 10)));
            System.out.println("acked " + i);
            System.out.flush();
        }
    }
}
