package ion.core.supervision;

/** Which children a supervisor restarts when one of them is to be restarted, in OTP's terms. */
public enum RestartStrategy {
    /** Only the child that ended. */
    ONE_FOR_ONE,
    /** Every child: the others are terminated (last first), then all are started again in order. */
    ONE_FOR_ALL,
    /** The child that ended and those after it in the specification: terminated last first, started in order. */
    REST_FOR_ONE
}
