package ion.store;

/** A store operation failed: the backend reported an error, or the store cannot be used as asked. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
