package ion.core.messaging;

/**
 * Values of the {@code response} header of a reply. The strings are those of ION R1, so that R1 clients read
 * them; {@link #UNKNOWN_OPERATION}, {@link #BAD_REQUEST} and {@link #MESSAGE_TOO_LARGE} are ioncore additions
 * for cases R1 left unanswered.
 */
public final class ResponseCodes {
    public static final String SUCCESS = "ION SUCCESS";
    public static final String INVALID_DESTINATION = "ION ERROR: Invalid Destination";
    public static final String MESSAGE_TIMEOUT = "ION ERROR: Message Timeout";
    public static final String NETWORK_FAILURE = "ION ERROR: Network Failure";
    public static final String RESOURCE_UNAVAILABLE = "ION ERROR: Resource Unavailable";
    public static final String PERMISSION_ERROR = "ION ERROR: Permission Error";
    /** The handler threw an exception; the {@code exception} header carries its text. */
    public static final String RECEIVER_ERROR = "ION ERROR: Process Receiver Error";
    /** No handler exists for the requested {@code op}. */
    public static final String UNKNOWN_OPERATION = "ION ERROR: Unknown Operation";
    /** A header or the content is missing or of the wrong type. */
    public static final String BAD_REQUEST = "ION ERROR: Bad Request";
    /** The message is larger than the receiver accepts. */
    public static final String MESSAGE_TOO_LARGE = "ION ERROR: Message Too Large";
    /** The receiving process is not in a state to serve requests (terminating, failed). */
    public static final String INVALID_STATE = "ION ERROR: Invalid Process State";

    public static final String APP_LOCKED_RESOURCE = "APPLICATION ERROR: Locked Resource";
    public static final String APP_TIMEOUT = "APPLICATION ERROR: Time out";
    public static final String APP_INVALID_KEY = "APPLICATION ERROR: Invalid Key";
    public static final String APP_RESOURCE_DIVERGED = "APPLICATION ERROR: Resource State Has Diverged";
    public static final String APP_RESOURCE_NOT_FOUND = "APPLICATION ERROR: Resource Not Found";
    public static final String APP_FAILED = "APPLICATION ERROR: A failure message for demo purposes";

    private ResponseCodes() {
    }
}
