package ion.core.process;

/** A life-cycle call that is not legal in the process's current state; the state is unchanged. */
public class IllegalStateTransitionException extends IllegalStateException {
    public IllegalStateTransitionException(String process, String event, ProcessState from) {
        super("cannot " + event + " process " + process + " in state " + from);
    }
}
