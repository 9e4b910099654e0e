package ion.services.pubsub;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.services.registry.RequestException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the fields of a pubsub request's map content, refusing bad input with {@link ResponseCodes#BAD_REQUEST}. */
final class Request {
    private final String op;
    private final Map<?, ?> content;

    private Request(String op, Map<?, ?> content) {
        this.op = op;
        this.content = content;
    }

    /** The content of {@code request}, which must be a map; no content reads as an empty map. */
    static Request of(String op, Message request) {
        Object content = request.content().orElse(Map.of());
        if (content instanceof Map<?, ?> map) {
            return new Request(op, map);
        }
        throw badRequest("op '" + op + "' needs a map as content but got " + Message.describeType(content));
    }

    static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }

    /** A string field that must be present and not blank. */
    String required(String field) {
        return optional(field).filter(s -> !s.isBlank()).orElseThrow(() -> badRequest("op '" + op
                + "' needs field '" + field + "' (a non-empty string)"));
    }

    /** A string field that may be absent (or nil). */
    Optional<String> optional(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be a string but is " + Message.describeType(v));
    }

    /** A required topic name, checked with {@link TopicNames#topicProblem}. */
    String name(String field) {
        String value = required(field);
        TopicNames.topicProblem(value).ifPresent(p -> {
            throw badRequest("op '" + op + "': field '" + field + "': " + p);
        });
        return value;
    }

    /** An optional topic pattern, checked with {@link TopicNames#patternProblem}. */
    Optional<String> pattern(String field) {
        Optional<String> value = optional(field);
        value.ifPresent(v -> TopicNames.patternProblem(v).ifPresent(p -> {
            throw badRequest("op '" + op + "': malformed pattern in field '" + field + "': " + p);
        }));
        return value;
    }

    /** A boolean field that may be absent. */
    Optional<Boolean> flag(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be a boolean but is "
                + Message.describeType(v));
    }

    /** A non-negative integer field that may be absent. */
    Optional<Integer> count(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if ((v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() >= 0 && ((Number) v).longValue() <= Integer.MAX_VALUE) {
            return Optional.of(((Number) v).intValue());
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be a non-negative integer but is "
                + (v instanceof Number ? v : Message.describeType(v)));
    }

    /** A list of topic names that must be present and not empty. */
    List<String> names(String field) {
        Object v = content.get(field);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw badRequest("op '" + op + "' needs field '" + field + "' (a non-empty list of topic names)");
        }
        return list.stream().map(o -> {
            if (!(o instanceof String s)) {
                throw badRequest("op '" + op + "': field '" + field + "' must hold strings but holds "
                        + Message.describeType(o));
            }
            TopicNames.topicProblem(s).ifPresent(p -> {
                throw badRequest("op '" + op + "': field '" + field + "': " + p);
            });
            return s;
        }).toList();
    }
}
