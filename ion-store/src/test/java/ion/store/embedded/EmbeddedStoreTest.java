package ion.store.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ion.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest {
    @TempDir
    Path dir;

    @Test
    void directoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        StoreException e = assertThrows(StoreException.class, () -> EmbeddedStore.open(file));
        assertEquals(StoreException.class, e.getClass());
    }

    @Test
    void closeIsIdempotentAndReleasesTheLock() {
        EmbeddedStore first = EmbeddedStore.open(dir);
        first.close();
        first.close();
        try (EmbeddedStore second = EmbeddedStore.open(dir)) {
            assertEquals(dir.resolve(EmbeddedStore.FILE_NAME), second.file());
            assertEquals(EmbeddedStore.Durability.PROCESS, second.durability());
        }
    }

    @Test
    void blankStoreNamesAreRefused() {
        try (EmbeddedStore backend = EmbeddedStore.open(dir)) {
            assertThrows(IllegalArgumentException.class, () -> backend.open(" "));
        }
    }
}
