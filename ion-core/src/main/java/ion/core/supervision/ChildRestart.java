package ion.core.supervision;

import ion.core.process.ExitReason;
import ion.core.process.ProcessId;
import java.util.Optional;

/**
 * One restart of one child, as a {@link Supervisor} records it.
 *
 * @param supervisor the supervisor's process id
 * @param childId the restarted child's id in its specification
 * @param previous the process that ran the child before; empty if it was not running
 * @param current the process that runs it now
 * @param trigger the id of the child whose end caused the restart (this child itself, or a sibling under
 *        {@link RestartStrategy#ONE_FOR_ALL} and {@link RestartStrategy#REST_FOR_ONE})
 * @param reason why the trigger ended
 * @param restarts how often this child has been restarted, this restart included
 */
public record ChildRestart(ProcessId supervisor, String childId, Optional<ProcessId> previous, ProcessId current,
        String trigger, ExitReason reason, int restarts) {
}
