package ion.core.event;

import ion.core.messaging.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The names events travel under, and the checks every id, origin and routing key passes.
 *
 * <ul>
 * <li>Exchange point: {@code <sysname>.events.topic}, a topic exchange, not durable, not auto-deleted; every
 * container declares it at start ({@link #declareExchange}).</li>
 * <li>Routing key: {@code <event-id>.<origin>}.</li>
 * <li>An id is a positive integer.</li>
 * <li>An origin is one or more words separated by dots; a word is not empty and has no white space and no
 * {@code *} or {@code #}. Routing keys are at most {@value #MAX_ROUTING_KEY_BYTES} bytes (UTF-8), AMQP's
 * limit.</li>
 * </ul>
 */
public final class Events {
    /** The op of every event message. */
    public static final String OP = "event";
    /** What follows the sysname in the name of the events exchange point. */
    public static final String EXCHANGE_SUFFIX = ".events.topic";
    /** AMQP's limit on a routing key (a short string). */
    public static final int MAX_ROUTING_KEY_BYTES = 255;

    private Events() {
    }

    /** The events exchange point of a system: {@code <sysname>.events.topic}. */
    public static String exchangeName(String sysname) {
        Objects.requireNonNull(sysname, "sysname");
        if (sysname.isBlank()) {
            throw new InvalidEventException("a sysname must not be blank");
        }
        return sysname + EXCHANGE_SUFFIX;
    }

    /** Declares the events exchange point of a system; idempotent, and the same on every container. */
    public static void declareExchange(Transport transport, String sysname) {
        transport.declareExchange(exchangeName(sysname), false, false);
    }

    /** The routing key of an event with this id and origin: {@code <id>.<origin>}. */
    public static String routingKey(int id, String origin) {
        checkId(id);
        checkOrigin(origin);
        String key = id + "." + origin;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_ROUTING_KEY_BYTES) {
            throw new InvalidEventException("routing key '" + key + "' is longer than " + MAX_ROUTING_KEY_BYTES
                    + " bytes; use a shorter origin");
        }
        return key;
    }

    /**
     * Checks an event id.
     *
     * @throws InvalidEventException if it is not positive
     */
    public static int checkId(int id) {
        if (id <= 0) {
            throw new InvalidEventException("an event id must be a positive number, was " + id);
        }
        return id;
    }

    /**
     * Checks an origin.
     *
     * @throws InvalidEventException naming the problem: empty, an empty word, white space or a wildcard
     */
    public static String checkOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            throw new InvalidEventException("an event origin must not be empty");
        }
        String[] words = origin.split("\\.", -1);
        for (String w : words) {
            if (w.isEmpty()) {
                throw new InvalidEventException("event origin '" + origin + "' has an empty word (a leading,"
                        + " trailing or double dot)");
            }
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (c == '*' || c == '#') {
                    throw new InvalidEventException("event origin '" + origin + "' contains the wildcard '" + c
                            + "'; wildcards belong in subscriptions, not in origins");
                }
                if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                    throw new InvalidEventException("event origin '" + origin + "' contains white space or a"
                            + " control character");
                }
            }
        }
        return origin;
    }
}
