package ion.core.messaging.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a queue should be.
 *
 * @param name the queue name; empty asks the broker to choose one
 * @param exclusive only the declaring transport (connection) may use the queue; it is deleted when that
 *        transport closes
 * @param autoDelete the queue is deleted when its last consumer goes away
 * @param durable the queue survives a broker restart (its messages only if they are persistent)
 * @param idleExpiry delete the queue after it has been unused (no consumers, no declares) this long
 * @param maxLength the most messages the queue holds ready for delivery (delivered, unacknowledged ones do not
 *        count); empty for no limit. On RabbitMQ the queue argument {@code x-max-length}
 * @param overflow what happens to a message arriving at a full queue; only meaningful with a {@code maxLength}.
 *        On RabbitMQ the queue argument {@code x-overflow}
 */
public record QueueSpec(String name, boolean exclusive, boolean autoDelete, boolean durable,
        Optional<Duration> idleExpiry, Optional<Integer> maxLength, Overflow overflow) {

    /**
     * What a queue with a length limit does with a message that arrives when it is full. The names are those of
     * RabbitMQ's {@code x-overflow} argument.
     */
    public enum Overflow {
        /** The oldest ready message is discarded to make room: the queue keeps the newest messages. */
        DROP_HEAD("drop-head"),
        /**
         * The arriving message is discarded for this queue (other queues the message is routed to still get it).
         * As on RabbitMQ without publisher confirms, which the transports do not use, the publisher sees no error:
         * the in-JVM broker, like RabbitMQ, drops the message silently.
         */
        REJECT_PUBLISH("reject-publish");

        private final String wireName;

        Overflow(String wireName) {
            this.wireName = wireName;
        }

        /** The value of RabbitMQ's {@code x-overflow} queue argument. */
        public String wireName() {
            return wireName;
        }
    }

    /** The overflow policy when none is given: RabbitMQ's default. */
    public static final Overflow DEFAULT_OVERFLOW = Overflow.DROP_HEAD;

    public QueueSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        Objects.requireNonNull(maxLength, "maxLength");
        Objects.requireNonNull(overflow, "overflow");
        if (maxLength.isPresent() && maxLength.get() < 0) {
            throw new IllegalArgumentException("queue max length must not be negative, was " + maxLength.get());
        }
    }

    /** A queue without a length limit. */
    public QueueSpec(String name, boolean exclusive, boolean autoDelete, boolean durable,
            Optional<Duration> idleExpiry) {
        this(name, exclusive, autoDelete, durable, idleExpiry, Optional.empty(), DEFAULT_OVERFLOW);
    }

    /** A process queue: exclusive to its transport, gone when the process stops consuming. */
    public static QueueSpec processQueue(String name) {
        return new QueueSpec(name, true, true, false, Optional.empty());
    }

    /**
     * A worker queue: shared by competing consumers, kept while they come and go so that no message is lost
     * between two consumers; removed after {@code idleExpiry} without use.
     */
    public static QueueSpec workerQueue(String name, Duration idleExpiry) {
        return new QueueSpec(name, false, false, false, Optional.of(idleExpiry));
    }

    /** A fanout subscriber's queue: broker-named, exclusive, deleted with its consumer. */
    public static QueueSpec fanoutQueue() {
        return new QueueSpec("", true, true, false, Optional.empty());
    }

    /**
     * A transient subscription queue: broker-named when {@code name} is empty, not exclusive (so that its name can
     * be handed to another process), deleted when its last consumer goes away; what is published while nobody
     * consumes it is lost once it is gone.
     */
    public static QueueSpec transientQueue(String name) {
        return new QueueSpec(name, false, true, false, Optional.empty());
    }

    /**
     * A durable subscription queue: named, shared, kept (with its bindings) while no one consumes it, so that the
     * messages published meanwhile wait for the subscriber; survives a broker restart. It goes only when deleted.
     * Without a length limit; see {@link #withMaxLength}.
     */
    public static QueueSpec durableQueue(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a durable queue needs a name, to be found again after a restart");
        }
        return new QueueSpec(name, false, false, true, Optional.empty());
    }

    /** This spec with a length limit and an overflow policy. */
    public QueueSpec withMaxLength(int max, Overflow policy) {
        return new QueueSpec(name, exclusive, autoDelete, durable, idleExpiry, Optional.of(max), policy);
    }

    /** This spec without a length limit. */
    public QueueSpec withoutMaxLength() {
        return new QueueSpec(name, exclusive, autoDelete, durable, idleExpiry, Optional.empty(), DEFAULT_OVERFLOW);
    }

    /** This spec with another name (empty: broker-named). */
    public QueueSpec withName(String newName) {
        return new QueueSpec(newName, exclusive, autoDelete, durable, idleExpiry, maxLength, overflow);
    }

    /**
     * True if a queue declared with {@code other} is the same queue as one declared with this spec, as a broker
     * judges a redeclaration: same flags and the same length limit (the overflow policy counts only with a limit).
     */
    public boolean isEquivalentTo(QueueSpec other) {
        return durable == other.durable && autoDelete == other.autoDelete && exclusive == other.exclusive
                && maxLength.equals(other.maxLength) && (maxLength.isEmpty() || overflow == other.overflow);
    }
}
