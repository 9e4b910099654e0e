package ion.core.app;

/**
 * An application or release cannot be loaded, resolved, started or stopped. The message names the file, the
 * application and the problem; when it is thrown before starting, nothing was started.
 */
public class AppException extends RuntimeException {
    public AppException(String message) {
        super(message);
    }

    public AppException(String message, Throwable cause) {
        super(message, cause);
    }
}
