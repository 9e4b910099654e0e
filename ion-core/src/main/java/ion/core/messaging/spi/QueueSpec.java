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
 */
public record QueueSpec(String name, boolean exclusive, boolean autoDelete, boolean durable,
        Optional<Duration> idleExpiry) {

    public QueueSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
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
}
