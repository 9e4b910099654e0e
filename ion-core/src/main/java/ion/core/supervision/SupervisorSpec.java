package ion.core.supervision;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Supervisor} restarts its children.
 *
 * @param strategy which children are restarted together
 * @param maxRestarts the restart intensity: the most restarts allowed within {@code period}; one more and the
 *        supervisor gives up. Zero means any restart makes it give up.
 * @param period the sliding window the intensity counts in; positive
 */
public record SupervisorSpec(RestartStrategy strategy, int maxRestarts, Duration period) {
    /** OTP's default restart intensity: at most this many restarts within {@link #DEFAULT_PERIOD}. */
    public static final int DEFAULT_MAX_RESTARTS = 1;
    /** OTP's default period the restart intensity counts in. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    public SupervisorSpec {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(period, "period");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
    }

    /** The strategy with OTP's default intensity: {@value #DEFAULT_MAX_RESTARTS} restart within 5 seconds. */
    public static SupervisorSpec of(RestartStrategy strategy) {
        return new SupervisorSpec(strategy, DEFAULT_MAX_RESTARTS, DEFAULT_PERIOD);
    }

    /** This spec with another intensity. */
    public SupervisorSpec withIntensity(int restarts, Duration within) {
        return new SupervisorSpec(strategy, restarts, within);
    }
}
