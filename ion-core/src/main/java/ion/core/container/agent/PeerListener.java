package ion.core.container.agent;

/**
 * Told when a {@link ContainerAgent} learns of a new peer or drops one. Called on the agent's threads, after
 * the peer table changed, one event at a time and in the order of the changes; it must return quickly and must
 * not block.
 */
@FunctionalInterface
public interface PeerListener {
    /** A peer came up or went down. */
    void onPeerEvent(PeerEvent event);
}
