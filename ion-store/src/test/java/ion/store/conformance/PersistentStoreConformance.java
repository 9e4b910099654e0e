package ion.store.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.store.Bytes;
import ion.store.Predicate;
import ion.store.spi.StoreBackend;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conformance suite plus what a backend whose data outlives its instance must also do. */
public abstract class PersistentStoreConformance extends StoreConformance {
    /** Closes {@link #backend} and opens it again over the same data. */
    protected abstract StoreBackend reopenBackend();

    @Test
    void reopenKeepsDataAndIndexes() {
        putPeople();
        Map<Bytes, byte[]> batch = new HashMap<>();
        batch.put(Bytes.of(new byte[] {0, 1}), b("batched"));
        store.putAll(batch);
        store.remove(b("cyd"));
        backend = reopenBackend();
        store = backend.open("conformance");
        assertEquals("A", s(store.get(b("ann")).orElseThrow()));
        assertEquals("batched", s(store.get(new byte[] {0, 1}).orElseThrow()));
        assertFalse(store.hasKey(b("cyd")));
        assertEquals(List.of("ann", "bob", "dan"), keys(store.query(List.of(Predicate.eq("state", "CA")))));
        assertEquals(List.of(), keys(store.query(List.of(Predicate.eq("state", "OR")))));
    }
}
