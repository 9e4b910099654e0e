package ion.core.container.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ContainerAgent} watches its peers.
 *
 * @param heartbeatInterval how often the agent announces that its container is alive
 * @param peerTimeout how long a peer may stay silent before it is dropped; longer than the heartbeat interval
 */
public record AgentSettings(Duration heartbeatInterval, Duration peerTimeout) {
    /** One announcement a second. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** Five seconds of silence, five missed heartbeats, and a peer is dropped. */
    public static final Duration DEFAULT_PEER_TIMEOUT = Duration.ofSeconds(5);

    public AgentSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(peerTimeout, "peerTimeout");
        if (heartbeatInterval.isNegative() || heartbeatInterval.toMillis() < 1) {
            throw new IllegalArgumentException("agent heartbeat interval must be at least 1 ms, was "
                    + heartbeatInterval);
        }
        if (peerTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("agent peer timeout (" + peerTimeout
                    + ") must be longer than the heartbeat interval (" + heartbeatInterval + ")");
        }
    }

    /** The defaults above. */
    public static AgentSettings defaults() {
        return new AgentSettings(DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_PEER_TIMEOUT);
    }

    /**
     * How often the agent looks for silent peers: every heartbeat interval, but at least five times per peer
     * timeout, so that a silent peer is dropped soon after the timeout has passed.
     */
    public Duration sweepInterval() {
        Duration fifth = peerTimeout.dividedBy(5);
        Duration shorter = fifth.compareTo(heartbeatInterval) < 0 ? fifth : heartbeatInterval;
        return shorter.toMillis() < 1 ? Duration.ofMillis(1) : shorter;
    }
}
