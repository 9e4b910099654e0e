package ion.services.ingestion;

import ion.core.messaging.Message;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A stream as the {@code ingestion} service reports it.
 *
 * @param spec what it ingests into which dataset
 * @param subscription the id of its durable subscription
 * @param state whether it consumes its subscription yet
 * @param samples the samples of the dataset as last committed by this service (including those of earlier runs)
 * @param commits the commits (batches) of the dataset as last committed
 * @param pending the samples received and not committed yet (not acknowledged either)
 * @param duplicates the samples received again after they had been committed, skipped since the stream started
 */
public record IngestionStream(StreamSpec spec, String subscription, State state, long samples, long commits,
        long pending, long duplicates) {

    /** Where a stream is. */
    public enum State {
        /** Consuming its subscription. */
        RUNNING,
        /** Restored from the service's store, waiting to reopen its dataset (e.g. the datastore is not up yet). */
        RESUMING
    }

    public IngestionStream {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(state, "state");
    }

    /** The reply form: the fields of {@link StreamSpec#toMap()} plus the others, {@code state} in lower case. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(spec.toMap());
        m.put("subscription", subscription);
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        m.put("samples", samples);
        m.put("commits", commits);
        m.put("pending", pending);
        m.put("duplicates", duplicates);
        return m;
    }

    /** Reads the reply form. */
    public static IngestionStream fromMap(Map<?, ?> m) {
        StreamSpec spec = new StreamSpec(string(m, "dataset"), string(m, "exchange_point"), string(m, "topic"),
                Message.convert(m.get("batch_size"), Integer.class, "batch_size"),
                Duration.ofNanos(Math.round(Message.convert(m.get("batch_interval"), Double.class, "batch_interval")
                        * 1e9)));
        return new IngestionStream(spec, string(m, "subscription"),
                State.valueOf(string(m, "state").toUpperCase(Locale.ROOT)),
                count(m, "samples"), count(m, "commits"), count(m, "pending"), count(m, "duplicates"));
    }

    private static String string(Map<?, ?> m, String field) {
        return Message.convert(m.get(field), String.class, field);
    }

    private static long count(Map<?, ?> m, String field) {
        return Message.convert(m.get(field), Long.class, field);
    }
}
