package ion.store.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.store.StoreLockedException;
import ion.store.embedded.EmbeddedStore;
import ion.store.spi.StoreBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreConformanceTest extends PersistentStoreConformance {
    @TempDir
    Path dir;

    @Override
    protected StoreBackend newBackend() {
        return EmbeddedStore.open(dir);
    }

    @Override
    protected StoreBackend reopenBackend() {
        backend.close();
        return EmbeddedStore.open(dir);
    }

    @Test
    void secondOpenOfTheSameFileIsRefused() {
        StoreLockedException e = assertThrows(StoreLockedException.class, () -> EmbeddedStore.open(dir));
        assertTrue(e.getMessage().contains("locked"), e.getMessage());
    }

    @Test
    void syncDurabilityWorks() {
        backend.close();
        backend = EmbeddedStore.open(dir, EmbeddedStore.Durability.SYNC);
        backend.open("s").put(b("k"), b("v"));
        backend.close();
        backend = EmbeddedStore.open(dir);
        assertEquals("v", s(backend.open("s").get(b("k")).orElseThrow()));
    }
}
