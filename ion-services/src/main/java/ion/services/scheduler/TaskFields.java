package ion.services.scheduler;

import ion.core.event.Events;
import ion.core.event.InvalidEventException;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.services.support.RequestException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/** Reads a task from the map of an {@code add_task} request or of a stored task, refusing bad fields by name. */
final class TaskFields {
    static final String TASK_ID = "task_id";
    private static final double NANOS_PER_SECOND = 1e9;

    private TaskFields() {
    }

    /** The task described by {@code content}; a bad field is a {@link ResponseCodes#BAD_REQUEST} naming it. */
    static TaskSpec spec(String op, Map<?, ?> content) {
        String target = string(op, content, "target");
        Object opValue = content.get("op");
        String taskOp = opValue == null ? TaskSpec.DEFAULT_OP : nonBlank(op, "op", opValue);
        Duration interval = interval(op, content.get("interval"));
        Optional<Instant> start = time(op, content, "start_time");
        Optional<Instant> end = time(op, content, "end_time");
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            throw badRequest("op '" + op + "': field 'end_time' (" + end.get() + ") must be after field "
                    + "'start_time' (" + start.get() + ")");
        }
        Optional<String> origin = Optional.ofNullable(content.get("origin")).map(o -> origin(op, o));
        return new TaskSpec(target, taskOp, interval, Optional.ofNullable(content.get("payload")), start, end,
                origin);
    }

    /** The map content of {@code request}. */
    static Map<?, ?> map(String op, Message request) {
        Object content = request.content().orElse(null);
        if (content instanceof Map<?, ?> m) {
            return m;
        }
        throw badRequest("op '" + op + "' needs a map as content but got " + Message.describeType(content));
    }

    static String string(String op, Map<?, ?> content, String field) {
        Object v = content.get(field);
        if (v == null) {
            throw badRequest("op '" + op + "' needs field '" + field + "' (a non-empty string)");
        }
        return nonBlank(op, field, v);
    }

    private static String nonBlank(String op, String field, Object v) {
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be a non-empty string but is "
                + Message.describeType(v));
    }

    private static Duration interval(String op, Object v) {
        if (!(v instanceof Number n) || v instanceof Double d && !Double.isFinite(d)
                || v instanceof Float f && !Float.isFinite(f)) {
            throw badRequest("op '" + op + "' needs field 'interval' (seconds, a number greater than 0) but got "
                    + (v == null ? "nothing" : Message.describeType(v) + " " + v));
        }
        double seconds = n.doubleValue();
        if (seconds <= 0) {
            throw badRequest("op '" + op + "': field 'interval' must be greater than 0 but is " + v);
        }
        Duration interval = Duration.ofNanos(Math.round(seconds * NANOS_PER_SECOND));
        if (interval.compareTo(TaskSpec.MIN_INTERVAL) < 0) {
            throw badRequest("op '" + op + "': field 'interval' must be at least "
                    + TaskSpec.MIN_INTERVAL.toMillis() / 1000.0 + " s but is " + v);
        }
        return interval;
    }

    private static String origin(String op, Object value) {
        String origin = nonBlank(op, "origin", value);
        try {
            return Events.checkOrigin(origin);
        } catch (InvalidEventException e) {
            throw badRequest("op '" + op + "': field 'origin' is not an event origin: " + e.getMessage());
        }
    }

    /** An optional time: epoch milliseconds (an integer) or an ISO-8601 instant or offset date-time. */
    private static Optional<Instant> time(String op, Map<?, ?> content, String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Optional.of(Instant.ofEpochMilli(((Number) v).longValue()));
        }
        if (v instanceof String s) {
            try {
                return Optional.of(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeException e) {
                throw badRequest("op '" + op + "': field '" + field + "' is not an ISO-8601 date-time with offset "
                        + "(e.g. 2011-01-01T00:00:00Z): '" + s + "'");
            }
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be epoch milliseconds (an integer) or an "
                + "ISO-8601 string but is " + Message.describeType(v));
    }

    static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }
}
