package ion.core.process;

/**
 * Told of the end of every process of a container, for reporting (the container publishes crashes as process
 * life-cycle events through one). Called on the thread that terminated the process, after it was deregistered;
 * it must return quickly and must not throw.
 */
@FunctionalInterface
public interface ProcessExitListener {
    /**
     * A process ended.
     *
     * @param process the process as it was at its end (state TERMINATED)
     * @param reason why it ended
     */
    void onExit(ProcessInfo process, ExitReason reason);
}
