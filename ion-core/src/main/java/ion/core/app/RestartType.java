package ion.core.app;

/** When a process of an application is restarted by the application's supervisor, as in OTP. */
public enum RestartType {
    /** Always restarted. */
    PERMANENT,
    /** Restarted only if it crashed. */
    TRANSIENT,
    /** Never restarted. */
    TEMPORARY
}
