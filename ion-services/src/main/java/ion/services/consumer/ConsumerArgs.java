package ion.services.consumer;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.services.support.RequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the arguments of consumers, from spawn arguments and requests alike; bad ones are refused by name. */
final class ConsumerArgs {
    /** The key of a source map naming a pubsub subscription. */
    static final String SUBSCRIPTION = "subscription";

    private ConsumerArgs() {
    }

    /**
     * A source or a non-empty list of them: a queue name, a map {@code {exchange, topic}} for a topic (binding
     * key, wildcards allowed) on another exchange, or a map {@code {subscription}} for a pubsub subscription (its
     * id or queue name).
     */
    static List<Source> sources(String field, Object value) {
        List<Source> sources = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                sources.add(source(field + " item", o));
            }
        } else {
            sources.add(source(field, value));
        }
        if (sources.isEmpty()) {
            throw badRequest("'" + field + "' names no queue");
        }
        return sources;
    }

    private static Source source(String field, Object value) {
        if (value instanceof Map<?, ?> m && m.containsKey(SUBSCRIPTION)) {
            return new Source.Subscription(nonBlank(field + " '" + SUBSCRIPTION + "'", m.get(SUBSCRIPTION)));
        }
        if (value instanceof Map<?, ?> m) {
            return new Source.Topic(nonBlank(field + " 'exchange'", m.get("exchange")),
                    nonBlank(field + " 'topic'", m.get("topic")));
        }
        if (value instanceof String s && !s.isBlank()) {
            return new Source.Queue(s);
        }
        throw badRequest("'" + field + "' must be a queue name, an {exchange, topic} map, a {subscription} map or a"
                + " list of them but is " + Message.describeType(value));
    }

    /** A map with string keys; absent is empty. */
    static Map<String, Object> map(String field, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw badRequest("'" + field + "' must be a map but is " + Message.describeType(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw badRequest("'" + field + "' must have string keys but has " + Message.describeType(e.getKey()));
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    /** A map from keyword to queue name; absent is empty. */
    static Map<String, String> queueMap(String field, Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        map(field, value).forEach((k, v) -> out.put(k, nonBlank(field + " '" + k + "'", v)));
        return out;
    }

    /** An optional interval in seconds, a number above 0. */
    static Optional<Duration> interval(String field, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() <= 0) {
            throw badRequest("'" + field + "' must be a number of seconds above 0 but is "
                    + Message.describeType(value) + " " + value);
        }
        Duration d = Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
        if (d.toMillis() < 1) {
            throw badRequest("'" + field + "' must be at least 0.001 s but is " + value);
        }
        return Optional.of(d);
    }

    static String nonBlank(String field, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw badRequest("'" + field + "' must be a non-empty string but is " + Message.describeType(value));
    }

    static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }
}
