package ion.store.memory;

import ion.store.IndexStore;
import ion.store.StoreClosedException;
import ion.store.spi.Arguments;
import ion.store.spi.StoreBackend;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stores held in the JVM's heap: fast, and gone when the backend is closed or the JVM ends. Each backend
 * instance has its own data; stores of the same name opened from one instance share it.
 */
public final class MemoryBackend implements StoreBackend {
    private final ConcurrentMap<String, MemoryIndexStore.Data> stores = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public IndexStore open(String name) {
        Arguments.storeName(name);
        if (closed.get()) {
            throw new StoreClosedException("memory backend is closed");
        }
        return new MemoryIndexStore(name, stores.computeIfAbsent(name, n -> new MemoryIndexStore.Data()), closed);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stores.clear();
        }
    }
}
