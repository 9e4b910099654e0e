package ion.services.registry;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import java.util.Map;
import java.util.Optional;

/** Reads the fields of a request's map content, refusing bad input with {@link ResponseCodes#BAD_REQUEST}. */
final class Fields {
    private final String op;
    private final Map<?, ?> content;

    private Fields(String op, Map<?, ?> content) {
        this.op = op;
        this.content = content;
    }

    /** The content of {@code request}, which must be a map. */
    static Fields of(String op, Message request) {
        Object content = request.content().orElse(null);
        if (content instanceof Map<?, ?> map) {
            return new Fields(op, map);
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

    /** A string field that may be absent (or nil); present with another type is refused. */
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

    /** An optional string field that, when present, must not be blank. */
    Optional<String> optionalNonBlank(String field) {
        Optional<String> v = optional(field);
        if (v.isPresent() && v.get().isBlank()) {
            throw badRequest("op '" + op + "': field '" + field + "' must not be empty");
        }
        return v;
    }

    /** An integer field that may be absent (or nil); present with another type is refused. */
    Optional<Long> optionalInteger(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Optional.of(((Number) v).longValue());
        }
        throw badRequest("op '" + op + "': field '" + field + "' must be an integer but is "
                + Message.describeType(v));
    }
}
