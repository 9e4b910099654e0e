package ion.core.event;

import java.util.Optional;

/**
 * The catalogue of event ids, with R1's numbers: the first word of an event's routing key. Ids outside the
 * catalogue may be published too (any positive number); the catalogue names those the system itself uses or
 * R1 defined.
 *
 * <p>Origins by convention: a resource id for resource events (single words, so {@code 1001.*} hears every
 * resource), the container id for container events, the process id for process events.
 */
public enum EventType {
    /** A registered resource was created or changed its life-cycle state; origin the resource id. */
    RESOURCE_LIFECYCLE(1001, "resource life cycle"),
    /**
     * A container came up or went down, as seen by a peer's container agent; origin the container id, payload
     * {@code state} ({@code UP} or {@code DOWN}), {@code reason}, {@code host}, {@code last-seen},
     * {@code reported-by}.
     */
    CONTAINER_LIFECYCLE(1051, "container life cycle"),
    /**
     * A process crashed (origin its process id, {@code state} {@code CRASHED}) or a supervisor restarted a child
     * (origin the supervisor's process id, {@code state} {@code RESTARTED}).
     */
    PROCESS_LIFECYCLE(1052, "process life cycle"),
    /** A data source has new data; origin the data source's resource id. */
    DATASOURCE_UPDATE(1101, "datasource update"),
    /** A data source cannot be reached; origin the data source's resource id. */
    DATASOURCE_UNAVAILABLE(1102, "datasource unavailable"),
    /** Data was added to a dataset; origin the dataset's resource id. */
    DATASET_SUPPLEMENT_ADDED(1111, "dataset supplement added"),
    /** Business state of a process changed. */
    BUSINESS_STATE_MODIFICATION(1112, "business state modification"),
    /** A subscription was made; origin the subscription's resource id. */
    SUBSCRIPTION_NEW(1201, "new subscription"),
    /** A subscription was removed; origin the subscription's resource id. */
    SUBSCRIPTION_DELETED(1202, "subscription deleted"),
    /** A scheduled task fired; origin the task's desired origin. */
    SCHEDULE(2001, "schedule"),
    /** A critical log record; origin the logging process. */
    LOGGING_CRITICAL(3001, "critical logging"),
    /** An error log record; origin the logging process. */
    LOGGING_ERROR(3002, "error logging"),
    /** An informational log record; origin the logging process. */
    LOGGING_INFO(3003, "info logging"),
    /** A block of data. */
    DATA_BLOCK(4001, "data block"),
    /** Sample data of an instrument; origin {@code <transducer>.<agent origin>} in R1. */
    INSTRUMENT_SAMPLE_DATA(5001, "instrument sample data"),
    /** An instrument agent changed state. R1 had no number for it; 5002 is ioncore's. */
    INSTRUMENT_STATE_CHANGE(5002, "instrument state change");

    private final int id;
    private final String label;

    EventType(int id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The numeric id, the first word of the routing key. */
    public int id() {
        return id;
    }

    /** A short human-readable name, e.g. {@code resource life cycle}. */
    public String label() {
        return label;
    }

    /** The catalogue entry with this id, if there is one. */
    public static Optional<EventType> byId(int id) {
        for (EventType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id + " (" + label + ")";
    }
}
