package ion.store;

/** An operation was called on a store, or on a store of a backend, that has been closed. */
public class StoreClosedException extends StoreException {
    public StoreClosedException(String message) {
        super(message);
    }
}
