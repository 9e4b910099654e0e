package ion.store;

/** A durable store could not be opened because another live process (or another open handle) holds it. */
public class StoreLockedException extends StoreException {
    public StoreLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
