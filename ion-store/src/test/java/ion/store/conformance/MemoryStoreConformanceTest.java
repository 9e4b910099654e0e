package ion.store.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.store.Predicate;
import ion.store.memory.MemoryBackend;
import ion.store.spi.StoreBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryStoreConformanceTest extends StoreConformance {
    @Override
    protected StoreBackend newBackend() {
        return new MemoryBackend();
    }

    @Test
    void separateBackendsShareNothing() {
        store.put(b("k"), b("v"), Map.of("a", "1"));
        try (MemoryBackend other = new MemoryBackend()) {
            assertTrue(other.open("conformance").get(b("k")).isEmpty());
            assertTrue(other.open("conformance").query(List.of(Predicate.eq("a", "1"))).isEmpty());
        }
    }
}
