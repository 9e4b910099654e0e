package ion.core.messaging;

/**
 * How a short name becomes a name on the exchange, as in ION R1.
 */
public enum Scope {
    /** {@code <container-id>.<name>}: visible to this container only. */
    LOCAL,
    /** {@code <sysname>.<name>}: shared by every container of one system; services live here. */
    SYSTEM,
    /** The name unchanged: shared by every system on the broker. */
    GLOBAL;

    /**
     * The exchange name of {@code name} in this scope.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public String qualify(String name, String containerId, String sysname) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a messaging name must not be blank");
        }
        return switch (this) {
            case LOCAL -> containerId + "." + name;
            case SYSTEM -> sysname + "." + name;
            case GLOBAL -> name;
        };
    }
}
