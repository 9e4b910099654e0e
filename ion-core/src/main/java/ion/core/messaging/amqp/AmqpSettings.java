package ion.core.messaging.amqp;

import ion.core.messaging.codec.R1Codec;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the RabbitMQ broker is and how to talk to it. Immutable; every instance is valid (the constructor checks
 * each value and throws {@link IllegalArgumentException} naming the setting and the offending value).
 *
 * <p>Start from {@link #defaults()} and change what differs with the {@code with...} methods:
 * {@code AmqpSettings.defaults().withHost("broker.example.org").withHeartbeat(Duration.ofSeconds(10))}.
 *
 * @param host the broker's host name or address
 * @param port the broker's AMQP port, 1 to 65535
 * @param vhost the virtual host to open, e.g. {@code /}
 * @param username the user to log in as
 * @param password that user's password (may be empty; never shown by {@link #toString()})
 * @param heartbeat the AMQP heartbeat interval requested from the broker, in whole seconds; a broker silent for
 *        two intervals is taken as gone. {@link Duration#ZERO} turns heartbeats off
 * @param connectionTimeout how long opening a connection may take; it also bounds every single broker operation
 *        (a declaration, a consume, a cancel, closing the connection)
 * @param recoveryInterval the delay between attempts to reconnect after the broker went away
 * @param maxMessageSize the largest encoded message, in bytes, that is sent or accepted
 */
public record AmqpSettings(String host, int port, String vhost, String username, String password,
        Duration heartbeat, Duration connectionTimeout, Duration recoveryInterval, long maxMessageSize) {

    /** Default host: the local machine. */
    public static final String DEFAULT_HOST = "localhost";
    /** The IANA-assigned AMQP port. */
    public static final int DEFAULT_PORT = 5672;
    /** RabbitMQ's default virtual host. */
    public static final String DEFAULT_VHOST = "/";
    /** RabbitMQ's default user, which can only log in from the local machine. */
    public static final String DEFAULT_USERNAME = "guest";
    /** The password of {@link #DEFAULT_USERNAME}. */
    public static final String DEFAULT_PASSWORD = "guest";
    /** Default heartbeat interval. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** Default connection and operation timeout. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** Default delay between reconnection attempts. */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(1);
    /** Default size limit of an encoded message: the codec's default. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = R1Codec.DEFAULT_MAX_MESSAGE_SIZE;
    /** The largest heartbeat AMQP can express (an unsigned 16-bit number of seconds). */
    public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(65_535);
    /**
     * The largest size limit accepted: RabbitMQ never accepts a bigger message. The broker's own
     * {@code max_message_size} setting (128 MiB unless configured) may be lower.
     */
    public static final long MAX_MAX_MESSAGE_SIZE = 512L * 1024 * 1024;

    /**
     * Checks every value.
     *
     * @throws NullPointerException if a value is {@code null}
     * @throws IllegalArgumentException if a value is out of range; the message names the setting and the value
     */
    public AmqpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        if (host.isBlank() || !host.strip().equals(host)) {
            throw new IllegalArgumentException("broker host must be a host name or address without spaces, was '"
                    + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("broker port must be between 1 and 65535, was " + port);
        }
        if (vhost.isEmpty()) {
            throw new IllegalArgumentException("broker vhost must not be empty; RabbitMQ's default is '/'");
        }
        if (username.isEmpty()) {
            throw new IllegalArgumentException("broker username must not be empty");
        }
        if (heartbeat.isNegative() || heartbeat.compareTo(MAX_HEARTBEAT) > 0
                || (!heartbeat.isZero() && heartbeat.compareTo(Duration.ofSeconds(1)) < 0)) {
            throw new IllegalArgumentException("broker heartbeat must be 0 (off) or between 1s and 65535s, was "
                    + heartbeat);
        }
        requirePositiveMillis("broker connection timeout", connectionTimeout);
        requirePositiveMillis("broker recovery interval", recoveryInterval);
        if (maxMessageSize < 1 || maxMessageSize > MAX_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("max message size must be between 1 and " + MAX_MAX_MESSAGE_SIZE
                    + " bytes, was " + maxMessageSize);
        }
    }

    private static void requirePositiveMillis(String what, Duration d) {
        if (d.toMillis() < 1 || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(what + " must be between 1ms and " + Integer.MAX_VALUE
                    + "ms, was " + d);
        }
    }

    /** The default settings: a RabbitMQ on this machine, logged in as guest. */
    public static AmqpSettings defaults() {
        return new AmqpSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_VHOST, DEFAULT_USERNAME, DEFAULT_PASSWORD,
                DEFAULT_HEARTBEAT, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_RECOVERY_INTERVAL, DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** These settings with another host. */
    public AmqpSettings withHost(String newHost) {
        return new AmqpSettings(newHost, port, vhost, username, password, heartbeat, connectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another port. */
    public AmqpSettings withPort(int newPort) {
        return new AmqpSettings(host, newPort, vhost, username, password, heartbeat, connectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another virtual host. */
    public AmqpSettings withVhost(String newVhost) {
        return new AmqpSettings(host, port, newVhost, username, password, heartbeat, connectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another user and password. */
    public AmqpSettings withCredentials(String newUsername, String newPassword) {
        return new AmqpSettings(host, port, vhost, newUsername, newPassword, heartbeat, connectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another heartbeat interval ({@link Duration#ZERO} for none). */
    public AmqpSettings withHeartbeat(Duration newHeartbeat) {
        return new AmqpSettings(host, port, vhost, username, password, newHeartbeat, connectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another connection and operation timeout. */
    public AmqpSettings withConnectionTimeout(Duration newConnectionTimeout) {
        return new AmqpSettings(host, port, vhost, username, password, heartbeat, newConnectionTimeout,
                recoveryInterval, maxMessageSize);
    }

    /** These settings with another delay between reconnection attempts. */
    public AmqpSettings withRecoveryInterval(Duration newRecoveryInterval) {
        return new AmqpSettings(host, port, vhost, username, password, heartbeat, connectionTimeout,
                newRecoveryInterval, maxMessageSize);
    }

    /** These settings with another message size limit. */
    public AmqpSettings withMaxMessageSize(long newMaxMessageSize) {
        return new AmqpSettings(host, port, vhost, username, password, heartbeat, connectionTimeout,
                recoveryInterval, newMaxMessageSize);
    }

    /** {@code host:port (vhost v)}: how logs and errors name the broker. */
    public String brokerAddress() {
        return host + ":" + port + " (vhost " + vhost + ")";
    }

    /** All settings except the password, which is masked. */
    @Override
    public String toString() {
        return "AmqpSettings[host=" + host + ", port=" + port + ", vhost=" + vhost + ", username=" + username
                + ", password=***, heartbeat=" + heartbeat + ", connectionTimeout=" + connectionTimeout
                + ", recoveryInterval=" + recoveryInterval + ", maxMessageSize=" + maxMessageSize + "]";
    }
}
