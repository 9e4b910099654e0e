package ion.core.process;

import java.util.Objects;

/**
 * Why a process ended. A parent learns it through {@link Process#onChildExit}; a process's own reason is
 * {@link Process#exitReason()} once it is terminated.
 *
 * <p>{@link Normal}: the process was terminated on request (by its parent, the process manager, the container
 * closing, or by itself with {@link Process#exit}). {@link Crashed}: a handler threw while fail-fast was on, a
 * life-cycle hook failed, or the process called {@link Process#crash}.
 */
public sealed interface ExitReason permits ExitReason.Normal, ExitReason.Crashed {

    /** The reason of a process that ended normally. */
    static ExitReason normal() {
        return Normal.INSTANCE;
    }

    /** The reason of a process that crashed because of {@code cause}. */
    static ExitReason crashed(Throwable cause) {
        return new Crashed(cause);
    }

    /** True for {@link Crashed}. */
    default boolean isCrash() {
        return this instanceof Crashed;
    }

    /** Terminated on request. */
    record Normal() implements ExitReason {
        static final Normal INSTANCE = new Normal();

        @Override
        public String toString() {
            return "normal";
        }
    }

    /**
     * Ended by a failure.
     *
     * @param cause what failed; never null
     */
    record Crashed(Throwable cause) implements ExitReason {
        public Crashed {
            Objects.requireNonNull(cause, "cause");
        }

        @Override
        public String toString() {
            return "crashed: " + cause;
        }
    }
}
