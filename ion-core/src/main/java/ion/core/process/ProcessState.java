package ion.core.process;

/**
 * The life-cycle state of a {@link Process}. Legal transitions: INIT to READY ({@code initialize}), READY to
 * ACTIVE ({@code activate}), ACTIVE to READY ({@code deactivate}), READY, ACTIVE or ERROR to TERMINATED
 * ({@code terminate}); a failing life-cycle hook moves the process to ERROR. TERMINATED is final.
 */
public enum ProcessState {
    /** Constructed, nothing declared yet. */
    INIT,
    /** Queues declared; messages are held, not handled. RPC replies are received. */
    READY,
    /** Handling messages. */
    ACTIVE,
    /** Stopped for good: consumers cancelled, queues left, deregistered. */
    TERMINATED,
    /**
     * A life-cycle hook failed; the process handles nothing and can only be terminated. Requests to its own queue
     * get an ERROR reply with {@link ion.core.messaging.ResponseCodes#INVALID_STATE}.
     */
    ERROR
}
