package ion.core.process;

/** Kinds of extra receivers a process can add besides its own queue. */
public enum ReceiverKind {
    /**
     * A shared queue with competing consumers: each message goes to one of the processes listening on the name,
     * one message at a time each, acknowledged only after the handler finished (so a crash means redelivery).
     */
    WORKER,
    /** Every process listening on the name gets its own copy of each message, in a queue of its own. */
    FANOUT
}
