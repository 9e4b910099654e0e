package ion.core.intercept;

import java.time.Duration;

/**
 * Message counts and RPC latencies of one operation, as seen by the {@link MetricsInterceptor} of a container.
 *
 * @param op the operation
 * @param sent requests and one-way messages with this op sent by the container's processes
 * @param received requests and one-way messages with this op delivered to the container's processes
 * @param replies replies received to RPCs with this op
 * @param errors ERROR replies among them
 * @param meanLatency mean RPC round-trip time (zero if no reply yet)
 * @param maxLatency longest RPC round-trip time
 */
public record OpStats(String op, long sent, long received, long replies, long errors, Duration meanLatency,
        Duration maxLatency) {
}
