package ion.store.spi;

import ion.store.IndexStore;

/**
 * A storage technology that holds named stores: the plug-in point for backends (in-memory, embedded, and
 * later a distributed one). Opening the same name twice gives handles onto the same data.
 *
 * <p>Implementations are thread-safe. {@link #close()} closes every store opened from the backend and releases
 * its resources; it is idempotent.
 */
public interface StoreBackend extends AutoCloseable {
    /**
     * Opens, creating it if needed, the store called {@code name}. Every store of this module is an
     * {@link IndexStore}; use it as a plain {@link ion.store.Store} when no attributes are needed.
     *
     * @throws IllegalArgumentException if the name is blank
     * @throws ion.store.StoreClosedException if the backend is closed
     */
    IndexStore open(String name);

    @Override
    void close();
}
