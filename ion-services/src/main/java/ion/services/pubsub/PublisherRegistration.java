package ion.services.pubsub;

import ion.core.messaging.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A publisher as the pubsub service knows it: who may publish to which topics of an exchange point. Its wire form
 * is a map with the keys {@code id}, {@code name}, {@code exchange_point}, {@code topics} (a list of topic names)
 * and {@code credentials}.
 *
 * @param id its resource id in the resource registry; a {@link Publisher} names itself by it
 * @param name a name for people, e.g. the publishing process's or instrument's
 * @param exchangePoint the name of the exchange point it publishes to
 * @param topics the topics it is registered for, sorted
 * @param credentials kept for the security work to come; not checked yet (empty for none)
 */
public record PublisherRegistration(String id, String name, String exchangePoint, List<String> topics,
        String credentials) {
    public PublisherRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchangePoint, "exchangePoint");
        topics = List.copyOf(topics);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("exchange_point", exchangePoint);
        m.put("topics", topics);
        m.put("credentials", credentials);
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or of the wrong type
     */
    public static PublisherRegistration fromMap(Map<?, ?> m) {
        List<?> topics = Message.convert(m.get("topics"), List.class, "topics");
        return new PublisherRegistration(Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("name"), String.class, "name"),
                Message.convert(m.get("exchange_point"), String.class, "exchange_point"),
                topics.stream().map(t -> Message.convert(t, String.class, "topics[]")).toList(),
                Message.convert(m.get("credentials"), String.class, "credentials"));
    }
}
