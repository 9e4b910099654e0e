package ion.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A named map from byte-string keys to byte-string values. Keys are compared by content. No method accepts or
 * returns {@code null}; a missing value is an empty {@link Optional}. Arrays passed in are copied before the
 * call returns, and arrays returned belong to the caller.
 *
 * <p><b>Thread-safety:</b> every implementation is safe for use by many threads at once; each single-key
 * operation is atomic, and {@link #putAll} is applied as one unit where the backend says so.
 *
 * <p><b>Durability:</b> defined by the backend. A write is <i>acknowledged</i> when its method returns; a
 * durable backend documents which failures (process kill, power loss) an acknowledged write survives.
 *
 * <p>After {@link #close()} every operation throws {@link StoreClosedException}. Closing a store does not
 * close its backend; closing the backend closes all its stores.
 */
public interface Store extends AutoCloseable {
    /** The name this store was opened under in its backend. */
    String name();

    /** The value stored under {@code key}, if any. */
    Optional<byte[]> get(byte[] key);

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; returns whether it was present. */
    boolean remove(byte[] key);

    /** Whether a value is stored under {@code key}. */
    boolean hasKey(byte[] key);

    /** The values of those of {@code keys} that are present; absent keys are left out of the result. */
    Map<Bytes, byte[]> getAll(Collection<byte[]> keys);

    /**
     * Stores every entry of {@code entries}. Atomic with respect to readers and to crashes: either all entries
     * are visible and durable, or none (both backends of this module give this).
     */
    void putAll(Map<Bytes, byte[]> entries);

    /** The number of keys stored. */
    long size();

    /** Closes this handle; the data stays in the backend. Idempotent. */
    @Override
    void close();
}
