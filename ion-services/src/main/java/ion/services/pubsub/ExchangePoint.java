package ion.services.pubsub;

import ion.core.messaging.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An exchange point: a topic exchange of the broker through which publishers reach subscribers, part of an
 * exchange space. Its wire form is a map with the keys {@code id}, {@code name}, {@code exchange_space} and
 * {@code exchange}.
 *
 * @param id its resource id in the resource registry
 * @param name its name within the system, e.g. {@code science_data}
 * @param exchangeSpace the name of the exchange space it belongs to, e.g. {@code swapmeet}
 * @param exchange the broker exchange's full name, {@code <sysname>.<name>}
 */
public record ExchangePoint(String id, String name, String exchangeSpace, String exchange) {
    public ExchangePoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchangeSpace, "exchangeSpace");
        Objects.requireNonNull(exchange, "exchange");
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("exchange_space", exchangeSpace);
        m.put("exchange", exchange);
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or of the wrong type
     */
    public static ExchangePoint fromMap(Map<?, ?> m) {
        return new ExchangePoint(Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("name"), String.class, "name"),
                Message.convert(m.get("exchange_space"), String.class, "exchange_space"),
                Message.convert(m.get("exchange"), String.class, "exchange"));
    }
}
