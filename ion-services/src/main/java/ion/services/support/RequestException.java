package ion.services.support;

/**
 * A request to a service cannot be served; the service answers it with an ERROR reply carrying
 * {@link #responseCode()} and this exception's message.
 */
public final class RequestException extends RuntimeException {
    private final String responseCode;

    /** A request refused with {@code responseCode} and {@code message} as the reply's text. */
    public RequestException(String responseCode, String message) {
        super(message);
        this.responseCode = responseCode;
    }

    /** The {@code response} header of the ERROR reply, one of {@link ion.core.messaging.ResponseCodes}. */
    public String responseCode() {
        return responseCode;
    }
}
