package ion.core.messaging;

/** Values of the {@code status} header: whether an RPC succeeded at the messaging level. */
public final class Status {
    /** The request was handled. */
    public static final String OK = "OK";
    /** The request failed; the {@code response} and {@code exception} headers say why. */
    public static final String ERROR = "ERROR";

    private Status() {
    }
}
