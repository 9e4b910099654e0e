package ion.services.pubsub;

import ion.core.messaging.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic of an exchange point: the routing key its data is published with. Its wire form is a map with the
 * keys {@code id}, {@code exchange_point} and {@code name}.
 *
 * @param id its resource id in the resource registry
 * @param exchangePoint the name of its exchange point
 * @param name its hierarchical name, dot-separated words (see {@link TopicNames})
 */
public record Topic(String id, String exchangePoint, String name) {
    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(exchangePoint, "exchangePoint");
        Objects.requireNonNull(name, "name");
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("exchange_point", exchangePoint);
        m.put("name", name);
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or of the wrong type
     */
    public static Topic fromMap(Map<?, ?> m) {
        return new Topic(Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("exchange_point"), String.class, "exchange_point"),
                Message.convert(m.get("name"), String.class, "name"));
    }
}
