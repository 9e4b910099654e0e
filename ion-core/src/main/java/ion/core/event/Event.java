package ion.core.event;

import ion.core.messaging.Message;
import ion.core.messaging.WrongContentTypeException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event: what happened ({@code id}), where ({@code origin}), when, a description for people and a payload for
 * programs. Immutable; the time is kept to the millisecond, as it travels.
 *
 * <p>On the wire the event is the content of a message with op {@value Events#OP}, a map readable by any R1-style
 * peer and by the shell: {@code event-id} (integer), {@code origin}, {@code time} (ms since the epoch),
 * {@code description} and {@code payload} (a map with text keys; its values must be what messages carry:
 * text, numbers, booleans, bytes, lists and maps).
 *
 * @param id the event id, positive; see {@link EventType} for the catalogue
 * @param origin where it happened, checked by {@link Events#checkOrigin}
 * @param time when it happened
 * @param description a short text for people, possibly empty
 * @param payload details, possibly empty; unmodifiable, in insertion order
 */
public record Event(int id, String origin, Instant time, String description, Map<String, Object> payload) {
    /** Content key of the id. */
    public static final String KEY_ID = "event-id";
    /** Content key of the origin. */
    public static final String KEY_ORIGIN = "origin";
    /** Content key of the time, ms since the epoch. */
    public static final String KEY_TIME = "time";
    /** Content key of the description. */
    public static final String KEY_DESCRIPTION = "description";
    /** Content key of the payload. */
    public static final String KEY_PAYLOAD = "payload";

    /**
     * Checks and copies the fields.
     *
     * @throws InvalidEventException if the id or the origin is not valid, or the routing key too long
     */
    public Event {
        Events.routingKey(id, origin);
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(payload, "payload");
        time = Instant.ofEpochMilli(time.toEpochMilli());
        Map<String, Object> copy = new LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new InvalidEventException("event payload keys and values must not be null: " + k + "=" + v);
            }
            copy.put(k, v);
        });
        payload = Collections.unmodifiableMap(copy);
    }

    /** An event of a catalogued type happening now. */
    public static Event of(EventType type, String origin, String description, Map<String, ?> payload) {
        return of(type.id(), origin, description, payload);
    }

    /** An event with any id happening now. */
    public static Event of(int id, String origin, String description, Map<String, ?> payload) {
        Map<String, Object> p = new LinkedHashMap<>(payload);
        return new Event(id, origin, Instant.now(), description, p);
    }

    /** The catalogue entry of this event's id, if it has one. */
    public Optional<EventType> type() {
        return EventType.byId(id);
    }

    /** {@code <id>.<origin>}. */
    public String routingKey() {
        return id + "." + origin;
    }

    /** The message content this event travels as. */
    public Map<String, Object> toContent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(KEY_ID, id);
        m.put(KEY_ORIGIN, origin);
        m.put(KEY_TIME, time.toEpochMilli());
        m.put(KEY_DESCRIPTION, description);
        m.put(KEY_PAYLOAD, new LinkedHashMap<>(payload));
        return m;
    }

    /**
     * Reads an event from message content.
     *
     * @throws WrongContentTypeException naming the missing or ill-typed field, or the invalid id or origin
     */
    public static Event fromContent(Object content) {
        if (!(content instanceof Map<?, ?> m)) {
            throw new WrongContentTypeException("event content must be a map with " + KEY_ID + ", " + KEY_ORIGIN
                    + ", " + KEY_TIME + ", " + KEY_DESCRIPTION + " and " + KEY_PAYLOAD + " but is "
                    + Message.describeType(content));
        }
        int id = Message.convert(m.get(KEY_ID), Integer.class, "event field '" + KEY_ID + "'");
        String origin = Message.convert(m.get(KEY_ORIGIN), String.class, "event field '" + KEY_ORIGIN + "'");
        long time = Message.convert(m.get(KEY_TIME), Long.class, "event field '" + KEY_TIME + "'");
        Object d = m.get(KEY_DESCRIPTION);
        String description = d == null ? "" : Message.convert(d, String.class, "event field '"
                + KEY_DESCRIPTION + "'");
        Object p = m.get(KEY_PAYLOAD);
        Map<String, Object> payload = new LinkedHashMap<>();
        if (p != null) {
            if (!(p instanceof Map<?, ?> pm)) {
                throw new WrongContentTypeException("event field '" + KEY_PAYLOAD + "' must be a map but is "
                        + Message.describeType(p));
            }
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                if (!(e.getKey() instanceof String key) || e.getValue() == null) {
                    throw new WrongContentTypeException("event field '" + KEY_PAYLOAD + "' must have text keys"
                            + " and no null values; found " + e.getKey() + "=" + e.getValue());
                }
                payload.put(key, e.getValue());
            }
        }
        try {
            return new Event(id, origin, Instant.ofEpochMilli(time), description, payload);
        } catch (InvalidEventException e) {
            throw new WrongContentTypeException("not a valid event: " + e.getMessage());
        }
    }

    /**
     * Reads the event a message carries.
     *
     * @throws WrongContentTypeException if its content is not an event
     */
    public static Event fromMessage(Message message) {
        return fromContent(message.content().orElse(null));
    }

    /** One line for logs and the shell: {@code 1001 (resource life cycle) <origin> at <time>: <description> {..}}. */
    @Override
    public String toString() {
        return type().map(EventType::toString).orElse(Integer.toString(id)) + " " + origin + " at " + time
                + (description.isEmpty() ? "" : ": " + description) + (payload.isEmpty() ? "" : " " + payload);
    }
}
