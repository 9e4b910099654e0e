package ion.services.registry;

/**
 * A request to a registry service cannot be served; the service answers it with an ERROR reply carrying
 * {@link #responseCode()} and this exception's message.
 */
final class RequestException extends RuntimeException {
    private final String responseCode;

    RequestException(String responseCode, String message) {
        super(message);
        this.responseCode = responseCode;
    }

    /** The {@code response} header of the ERROR reply, one of {@link ion.core.messaging.ResponseCodes}. */
    String responseCode() {
        return responseCode;
    }
}
