package ion.core.process;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings every process of a container shares.
 *
 * @param rpcTimeout default RPC timeout
 * @param failFast terminate a process whose handler throws (otherwise it replies ERROR and keeps serving)
 * @param prefetch deliveries a process may hold from its own queue before acknowledging them
 * @param workerQueueExpiry how long a worker queue without consumers is kept
 * @param shutdownTimeout how long terminating a process waits for its running handler
 */
public record ProcessSettings(Duration rpcTimeout, boolean failFast, int prefetch, Duration workerQueueExpiry,
        Duration shutdownTimeout) {
    /** R1's default RPC timeout. */
    public static final Duration DEFAULT_RPC_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_PREFETCH = 64;
    public static final Duration DEFAULT_WORKER_QUEUE_EXPIRY = Duration.ofMinutes(30);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    public ProcessSettings {
        Objects.requireNonNull(rpcTimeout, "rpcTimeout");
        Objects.requireNonNull(workerQueueExpiry, "workerQueueExpiry");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (rpcTimeout.isNegative() || rpcTimeout.isZero()) {
            throw new IllegalArgumentException("rpcTimeout must be positive, was " + rpcTimeout);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
    }

    /** The defaults above, with fail-fast off. */
    public static ProcessSettings defaults() {
        return new ProcessSettings(DEFAULT_RPC_TIMEOUT, false, DEFAULT_PREFETCH, DEFAULT_WORKER_QUEUE_EXPIRY,
                DEFAULT_SHUTDOWN_TIMEOUT);
    }

    public ProcessSettings withRpcTimeout(Duration timeout) {
        return new ProcessSettings(timeout, failFast, prefetch, workerQueueExpiry, shutdownTimeout);
    }

    public ProcessSettings withFailFast(boolean on) {
        return new ProcessSettings(rpcTimeout, on, prefetch, workerQueueExpiry, shutdownTimeout);
    }
}
