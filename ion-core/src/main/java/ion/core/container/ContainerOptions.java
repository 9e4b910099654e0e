package ion.core.container;

import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.agent.AgentSettings;
import ion.core.intercept.InterceptorChain;
import ion.core.intercept.Interceptors;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessTypes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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
 * @param agent the settings of the {@linkplain ion.core.container.agent.ContainerAgent container agent} to run;
 *        empty means the container runs none
 * @param interceptors makes the container's interceptor chain (each container gets its own instances)
 */
public record ContainerOptions(Optional<String> containerId, Optional<String> sysname, String exchange,
        long maxMessageSize, ProcessSettings processSettings, TransportFactory transport, ProcessTypes types,
        Optional<AgentSettings> agent, Supplier<InterceptorChain> interceptors) {

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
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(interceptors, "interceptors");
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
     * Options from a configuration: {@code container.*}, {@code messaging.*} (transport {@code local} or
     * {@code amqp} with {@code messaging.broker.*}, the interceptor chain {@code messaging.interceptors}),
     * {@code process.*} and {@code agent.*} (a container agent when {@code agent.enabled}); process types found on
     * the class path.
     *
     * @throws ConfigException if {@code messaging.transport} names no known transport, or a value is out of range
     */
    public static ContainerOptions fromConfig(Config config) {
        long maxMessageSize = config.size("messaging.max-message-size");
        TransportFactory transport = switch (config.string("messaging.transport")) {
            case "local" -> LocalBroker.shared()::connect;
            case "amqp" -> {
                Config broker = config.section("messaging.broker");
                AmqpSettings settings;
                try {
                    settings = new AmqpSettings(broker.string("host"), broker.intValue("port"),
                            broker.string("vhost"), broker.string("username"), broker.string("password"),
                            broker.duration("heartbeat"), broker.duration("connection-timeout"),
                            broker.duration("recovery-interval"), maxMessageSize);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("messaging.broker: " + e.getMessage());
                }
                yield max -> AmqpTransport.connect(settings.withMaxMessageSize(max));
            }
            default -> throw new ConfigException("messaging.transport must be 'local' (the in-JVM broker) or"
                    + " 'amqp' (RabbitMQ), not '" + config.string("messaging.transport") + "' (from "
                    + config.source("messaging.transport") + ")");
        };
        Supplier<InterceptorChain> interceptors;
        try {
            interceptors = Interceptors.chain(Arrays.stream(config.string("messaging.interceptors").split("[,+\\s]+"))
                    .map(String::trim).filter(n -> !n.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("messaging.interceptors (from " + config.source("messaging.interceptors")
                    + "): " + e.getMessage());
        }
        ProcessSettings process;
        try {
            process = new ProcessSettings(config.duration("process.rpc-timeout"), config.bool("process.fail-fast"),
                    config.intValue("process.prefetch"), config.duration("messaging.worker-queue-expiry"),
                    config.duration("container.shutdown-timeout"));
            String id = config.string("container.id");
            String sysname = config.string("container.sysname");
            Optional<AgentSettings> agent = config.bool("agent.enabled")
                    ? Optional.of(new AgentSettings(config.duration("agent.heartbeat-interval"),
                            config.duration("agent.peer-timeout")))
                    : Optional.empty();
            return new ContainerOptions(id.isEmpty() ? Optional.empty() : Optional.of(id),
                    sysname.isEmpty() ? Optional.empty() : Optional.of(sysname), config.string("messaging.exchange"),
                    maxMessageSize, process, transport, ProcessTypes.discover(), agent, interceptors);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage());
        }
    }

    /**
     * In-JVM transport on the {@linkplain LocalBroker#shared() shared broker}, default settings, the process
     * types found on the class path, no container agent, the standard interceptors ({@code envelope},
     * {@code metrics}).
     */
    public static ContainerOptions defaults() {
        return new ContainerOptions(Optional.empty(), Optional.empty(), DEFAULT_EXCHANGE, DEFAULT_MAX_MESSAGE_SIZE,
                ProcessSettings.defaults(), LocalBroker.shared()::connect, ProcessTypes.discover(), Optional.empty(),
                Interceptors.standard());
    }

    public ContainerOptions withContainerId(String id) {
        return new ContainerOptions(Optional.of(id), sysname, exchange, maxMessageSize, processSettings, transport,
                types, agent, interceptors);
    }

    public ContainerOptions withSysname(String name) {
        return new ContainerOptions(containerId, Optional.of(name), exchange, maxMessageSize, processSettings,
                transport, types, agent, interceptors);
    }

    public ContainerOptions withExchange(String name) {
        return new ContainerOptions(containerId, sysname, name, maxMessageSize, processSettings, transport, types,
                agent, interceptors);
    }

    public ContainerOptions withMaxMessageSize(long bytes) {
        return new ContainerOptions(containerId, sysname, exchange, bytes, processSettings, transport, types,
                agent, interceptors);
    }

    public ContainerOptions withProcessSettings(ProcessSettings settings) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, settings, transport, types,
                agent, interceptors);
    }

    public ContainerOptions withTransport(TransportFactory factory) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, factory, types,
                agent, interceptors);
    }

    public ContainerOptions withTypes(ProcessTypes processTypes) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, transport,
                processTypes, agent, interceptors);
    }

    /** Builds the interceptor chain with this factory. */
    public ContainerOptions withInterceptors(Supplier<InterceptorChain> chain) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, transport, types,
                agent, chain);
    }

    /** Runs a container agent with these settings (process 1, named {@code agent}). */
    public ContainerOptions withAgent(AgentSettings settings) {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, transport, types,
                Optional.of(settings), interceptors);
    }

    /** Runs no container agent. */
    public ContainerOptions withoutAgent() {
        return new ContainerOptions(containerId, sysname, exchange, maxMessageSize, processSettings, transport, types,
                Optional.empty(), interceptors);
    }
}
