package ion.core.process;

import java.util.Optional;

/**
 * A snapshot of one process, for listings.
 *
 * @param id the process id
 * @param name the process name
 * @param type the class name
 * @param state the state when the snapshot was taken
 * @param parent the parent's id, if any
 */
public record ProcessInfo(ProcessId id, String name, String type, ProcessState state, Optional<ProcessId> parent) {
}
