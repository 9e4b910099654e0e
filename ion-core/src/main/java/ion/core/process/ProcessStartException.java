package ion.core.process;

/** A life-cycle hook ({@code onInit}, {@code onActivate}, ...) threw; the process is now in state ERROR. */
public class ProcessStartException extends RuntimeException {
    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
