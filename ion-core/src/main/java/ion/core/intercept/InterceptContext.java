package ion.core.intercept;

import java.util.Objects;

/**
 * Where an intercepted message is.
 *
 * @param containerId the container the message passes through
 * @param process the id of the process sending (outbound) or receiving (inbound) it
 * @param direction the way it is going
 */
public record InterceptContext(String containerId, String process, Direction direction) {
    public InterceptContext {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(direction, "direction");
    }
}
