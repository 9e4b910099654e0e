package ion.core.supervision;

import java.time.Duration;

/**
 * The cause a {@link Supervisor} crashes with when its children ended more often than its restart intensity
 * allows; its own cause is the failure of the child whose end was one too many, if it crashed.
 */
public final class RestartIntensityExceededException extends RuntimeException {
    private final String childId;

    RestartIntensityExceededException(String supervisor, String childId, int maxRestarts, Duration period,
            Throwable cause) {
        super("supervisor " + supervisor + " gave up: child '" + childId + "' needed a restart beyond the intensity"
                + " of " + maxRestarts + " restart(s) within " + period, cause);
        this.childId = childId;
    }

    /** The id of the child whose end was one too many. */
    public String childId() {
        return childId;
    }
}
