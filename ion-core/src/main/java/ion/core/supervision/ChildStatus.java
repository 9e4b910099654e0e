package ion.core.supervision;

import ion.core.process.ProcessId;
import java.util.Optional;

/**
 * A snapshot of one child of a {@link Supervisor}.
 *
 * @param id the child's id in its specification
 * @param restart its restart type
 * @param process the process currently running it; empty if it is not running (it ended and is not to be restarted,
 *        or the supervisor ended)
 * @param restarts how often the supervisor restarted it
 */
public record ChildStatus(String id, RestartType restart, Optional<ProcessId> process, int restarts) {
}
