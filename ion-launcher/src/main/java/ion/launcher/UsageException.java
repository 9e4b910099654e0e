package ion.launcher;

/** The command line is wrong; the message says how, and the tool prints its usage. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
