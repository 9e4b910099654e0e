package ion.core.supervision;

/** When a supervisor restarts a child that ended, in OTP's terms. */
public enum RestartType {
    /** Always restarted, whether it crashed or ended normally. */
    PERMANENT,
    /** Restarted only if it crashed; a normal end is final. */
    TRANSIENT,
    /** Never restarted, not even when a sibling's crash restarts the others. */
    TEMPORARY;

    /** True if a child of this type that ended with a crash ({@code crashed}) or normally is to be restarted. */
    public boolean restartsAfter(boolean crashed) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> crashed;
            case TEMPORARY -> false;
        };
    }
}
