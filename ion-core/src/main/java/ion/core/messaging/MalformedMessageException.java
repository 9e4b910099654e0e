package ion.core.messaging;

import java.util.Map;

/**
 * Bytes that are not a valid R1 message: not msgpack, not a map, a header of the wrong type, too large. Carries
 * whatever headers could be read, so that the receiver can still answer the sender when {@code reply-to} and
 * {@code conv-id} were legible.
 */
public class MalformedMessageException extends MessagingException {
    private final Map<String, Object> legibleHeaders;
    private final String responseCode;

    public MalformedMessageException(String message, Map<String, Object> legibleHeaders, String responseCode,
            Throwable cause) {
        super(message, cause);
        this.legibleHeaders = Map.copyOf(legibleHeaders);
        this.responseCode = responseCode;
    }

    public MalformedMessageException(String message, Map<String, Object> legibleHeaders) {
        this(message, legibleHeaders, ResponseCodes.BAD_REQUEST, null);
    }

    /** The string-valued headers that could be decoded before the problem was found; may be empty. */
    public Map<String, Object> legibleHeaders() {
        return legibleHeaders;
    }

    /** The {@code response} code an error reply should carry. */
    public String responseCode() {
        return responseCode;
    }
}
