package ion.core.intercept;

/** Which way a message is going through the interceptor chain. */
public enum Direction {
    /** From a process of this container towards the broker. */
    OUTBOUND,
    /** From the broker towards a process of this container. */
    INBOUND
}
