package ion.core.container.agent;

import java.util.Objects;

/**
 * A peer container appeared or was dropped.
 *
 * @param kind whether the peer came up or went down
 * @param peer the peer as known at that moment
 * @param reason for {@link Kind#DOWN}, {@link ContainerAgent#REASON_TIMEOUT} or
 *        {@link ContainerAgent#REASON_ANNOUNCED_DOWN}; for {@link Kind#UP}, the {@code event} of the first
 *        announcement heard ({@code up}, {@code heartbeat} or {@code identify})
 */
public record PeerEvent(Kind kind, PeerInfo peer, String reason) {
    /** Whether a peer appeared or was dropped. */
    public enum Kind {
        /** The agent heard of the peer for the first time (or again after dropping it). */
        UP,
        /** The agent dropped the peer. */
        DOWN
    }

    public PeerEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(reason, "reason");
    }
}
