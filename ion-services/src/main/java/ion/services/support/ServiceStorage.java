package ion.services.support;

import ion.store.IndexStore;
import ion.store.embedded.EmbeddedStore;
import ion.store.memory.MemoryBackend;
import ion.store.spi.StoreBackend;
import java.nio.file.Path;
import java.util.Map;

/**
 * The backend of a registry service, chosen by its spawn arguments: with {@value #STORE_DIR_ARG} (a directory
 * path) the embedded durable store in that directory, else an in-memory backend private to the service instance.
 */
final class ServiceStorage implements AutoCloseable {
    /** The spawn argument naming the directory of the embedded store. */
    static final String STORE_DIR_ARG = "store-dir";

    private final StoreBackend backend;

    private ServiceStorage(StoreBackend backend) {
        this.backend = backend;
    }

    static ServiceStorage fromSpawnArgs(Map<String, Object> spawnArgs) {
        Object dir = spawnArgs.get(STORE_DIR_ARG);
        if (dir == null) {
            return new ServiceStorage(new MemoryBackend());
        }
        if (!(dir instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("spawn argument '" + STORE_DIR_ARG
                    + "' must be a directory path, was " + dir);
        }
        return new ServiceStorage(EmbeddedStore.open(Path.of(s)));
    }

    IndexStore open(String name) {
        return backend.open(name);
    }

    @Override
    public void close() {
        backend.close();
    }
}
