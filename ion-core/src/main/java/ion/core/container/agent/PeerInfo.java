package ion.core.container.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * A container another agent of the same system announced, as this agent knows it.
 *
 * @param containerId the peer's container id
 * @param agentId the process id of the peer's agent
 * @param host the host the peer runs on
 * @param firstSeen when this agent first heard of the peer (local clock)
 * @param lastSeen when this agent last heard of the peer (local clock)
 */
public record PeerInfo(String containerId, String agentId, String host, Instant firstSeen, Instant lastSeen) {
    public PeerInfo {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The agent's own queue name: the target for requests to this peer's agent ({@code <container-id>.agent}). */
    public String agentName() {
        return containerId + "." + ContainerAgent.AGENT_NAME;
    }
}
