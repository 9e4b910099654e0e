package ion.services.ingestion;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.services.support.RequestException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an ingestion stream does: it takes the data published on {@code topic} (a topic or a pattern with {@code *}
 * and {@code #}) of the exchange point {@code exchangePoint} and appends it to the dataset {@code dataset}, one
 * commit per batch; a batch closes at {@code batchSize} samples or {@code batchInterval} after its first sample.
 *
 * @param dataset the dataset's id, also its repository's id in the datastore and the origin of its ingestion
 *     events: one word of {@code [A-Za-z0-9_-]}
 * @param exchangePoint the exchange point's name
 * @param topic the topic or topic pattern
 * @param batchSize the most samples per commit, at least 1
 * @param batchInterval the longest a non-empty batch stays open, at least 1 ms
 */
public record StreamSpec(String dataset, String exchangePoint, String topic, int batchSize, Duration batchInterval) {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The batch interval when none is given. */
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ofSeconds(1);

    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_-]+");
    private static final double NANOS_PER_SECOND = 1e9;

    public StreamSpec {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(exchangePoint, "exchangePoint");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(batchInterval, "batchInterval");
        if (!DATASET.matcher(dataset).matches()) {
            throw new IllegalArgumentException("dataset must be one word of [A-Za-z0-9_-], was '" + dataset + "'");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (batchInterval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("batchInterval must be at least 1 ms, was " + batchInterval);
        }
    }

    /** A stream with the default batch size and interval. */
    public static StreamSpec of(String dataset, String exchangePoint, String topic) {
        return new StreamSpec(dataset, exchangePoint, topic, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_INTERVAL);
    }

    /** This stream with another batch size. */
    public StreamSpec withBatchSize(int size) {
        return new StreamSpec(dataset, exchangePoint, topic, size, batchInterval);
    }

    /** This stream with another batch interval. */
    public StreamSpec withBatchInterval(Duration interval) {
        return new StreamSpec(dataset, exchangePoint, topic, batchSize, interval);
    }

    /** The request content of {@code create_stream}: {@code batch_interval} in seconds. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("exchange_point", exchangePoint);
        m.put("topic", topic);
        m.put("batch_size", (long) batchSize);
        m.put("batch_interval", batchInterval.toNanos() / NANOS_PER_SECOND);
        return m;
    }

    /**
     * Reads a stream from the fields of a {@code create_stream} request or a stored stream.
     *
     * @throws RequestException {@link ResponseCodes#BAD_REQUEST} naming the first bad or missing field
     */
    public static StreamSpec fromMap(String op, Map<?, ?> m) {
        String dataset = word(op, m, "dataset");
        if (!DATASET.matcher(dataset).matches()) {
            throw badRequest(op, "field 'dataset' must be one word of [A-Za-z0-9_-] but is '" + dataset + "'");
        }
        String exchangePoint = word(op, m, "exchange_point");
        String topic = word(op, m, "topic");
        int batchSize = DEFAULT_BATCH_SIZE;
        Object size = m.get("batch_size");
        if (size != null) {
            if (!(size instanceof Integer || size instanceof Long) || ((Number) size).longValue() < 1
                    || ((Number) size).longValue() > Integer.MAX_VALUE) {
                throw badRequest(op, "field 'batch_size' must be a whole number of at least 1 but is " + size);
            }
            batchSize = ((Number) size).intValue();
        }
        Duration interval = DEFAULT_BATCH_INTERVAL;
        Object seconds = m.get("batch_interval");
        if (seconds != null) {
            if (!(seconds instanceof Number n) || !(n.doubleValue() >= 0.001) || n.doubleValue() > 1e9) {
                throw badRequest(op, "field 'batch_interval' must be a number of seconds of at least 0.001 but is "
                        + seconds);
            }
            interval = Duration.ofNanos(Math.round(n.doubleValue() * NANOS_PER_SECOND));
        }
        return new StreamSpec(dataset, exchangePoint, topic, batchSize, interval);
    }

    private static String word(String op, Map<?, ?> m, String field) {
        Object v = m.get(field);
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw badRequest(op, v == null ? "missing field '" + field + "' (a non-empty string)"
                : "field '" + field + "' must be a non-empty string but is " + Message.describeType(v));
    }

    static RequestException badRequest(String op, String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, "op '" + op + "': " + text);
    }
}
