package ion.services.consumer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of the {@code data} operation of a consumer, as R1's data message object: the data, a notification
 * text and a timestamp.
 *
 * @param data the data; empty for none
 * @param notification a human-readable note about the data; may be empty
 * @param timestamp when the data was produced
 */
public record DataMessage(Optional<Object> data, String notification, Instant timestamp) {
    /** Checks that no part is missing. */
    public DataMessage {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A message carrying {@code data} with an empty notification, stamped now. */
    public static DataMessage of(Object data) {
        return new DataMessage(Optional.ofNullable(data), "", Instant.now());
    }

    /** This message with another data value, keeping notification and timestamp. */
    public DataMessage withData(Object newData) {
        return new DataMessage(Optional.ofNullable(newData), notification, timestamp);
    }

    /** The content a consumer sends: {@code {data, notification, timestamp}}, the timestamp in epoch ms. */
    public Map<String, Object> toContent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data.orElse(null));
        m.put("notification", notification);
        m.put("timestamp", timestamp.toEpochMilli());
        return m;
    }

    /**
     * The message in the content of a {@code data} request: a map with the key {@code data} is read as written by
     * {@link #toContent()} (a missing or ill-typed notification or timestamp becomes empty or {@code received}),
     * any other content is the data itself.
     */
    public static DataMessage fromContent(Object content, Instant received) {
        if (content instanceof Map<?, ?> m && m.containsKey("data")) {
            String note = m.get("notification") instanceof String s ? s : "";
            Instant at = m.get("timestamp") instanceof Number n && !(n instanceof Double) && !(n instanceof Float)
                    ? Instant.ofEpochMilli(n.longValue()) : received;
            return new DataMessage(Optional.ofNullable(m.get("data")), note, at);
        }
        return new DataMessage(Optional.ofNullable(content), "", received);
    }
}
