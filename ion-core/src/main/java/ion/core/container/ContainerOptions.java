package ion.core.container;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessTypes;
import java.util.Objects;
import java.util.Optional;

/**
 * How to build a {@link Container}. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param containerId the container id; empty means {@code <host>.<pid>} (with a suffix for further containers
 *        in the same JVM)
 * @param sysname the system name; empty means the container id
 * @param exchange the topic exchange of the system
 * @param maxMessageSize the largest message sent or accepted, in bytes
 * @param processSettings settings shared by the processes
 * @param transport opens the broker connection
 * @param types the process types spawnable by name
 */
public record ContainerOptions(Optional<String> containerId, Optional<String> sysname, String exchange,
        long maxMessageSize, ProcessSettings processSettings, TransportFactory transport, ProcessTypes types) {

    /** R1's exchange name. */
    public static final String DEFAULT_EXCHANGE = "magnet.topic";
    /** 8 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 8L * 1024 * 1024;

    public ContainerOptions {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(sysname, "sysname");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(processSettings, "processSettings");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(types, "types");
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes, was " + maxMessageSize);
        }
        containerId.ifPresent(id -> requireName("container id", id));
        sysname.ifPresent(s -> requireName("sysname", s));
    }

    private static void requireName(String what, String value) {
        if (value.isBlank() || value.contains(" ") || value.contains("#") || value.contains("*")) {
            throw new IllegalArgumentException(what + " must be a non-empty word without spaces, '#' or '*', was '"
                    + value + "'");
        }
    }

    /**
     * In-JVM transport on the {@linkplain LocalBroker#shared() shared broker}, default settings, the process
     * types found on the class path.
     */
    public static ContainerOptions defaults() {
        return new ContainerOptions(Optional.empty(), Optional.empty(), DEFAULT_EXCHANGE, DEFAULT_MAX_MESSAGE_SIZE,
                ProcessSettings.defaults(), LocalBroker.shared()::connect, ProcessTypes.discover());
    }

    public ContainerOptions withContainerId(String id) {
        return new ContainerOptions(Optional.of(id), sysname, exchange, maxMessageSize, processSettings, transport,
                types);
    }

    public ContainerOptions withSysname(String name) {
        return new ContainerOptions(containerId, Optional.of(name), exchange, maxMessageSize, processSettings,
                transport, types);
    }

    public ContainerOptions withExchange(String name) {
        return new ContainerOptions(containerId, sysname, name, maxMessageSize, processSettings, transport, types);
    }

    public ContainerOptions withMaxMessageSize(long bytes) {
        return new ContainerOptions(containerId, sysname, exchange, bytes, processSettings, transport, types);
    }

    public ContainerOptions withProcessSettings(ProcessSettings settings) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, settings, transport, types);
    }

    public ContainerOptions withTransport(TransportFactory factory) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, factory, types);
    }

    public ContainerOptions withTypes(ProcessTypes processTypes) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, transport,
                processTypes);
    }
}
