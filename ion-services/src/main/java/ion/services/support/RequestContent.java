package ion.services.support;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import java.util.Map;
import java.util.Optional;

/**
 * The map content of one request to a service, read field by field. Anything missing or of the wrong type is
 * refused with a {@link RequestException} carrying {@link ResponseCodes#BAD_REQUEST} and a text naming the op and
 * the field, which {@link StoreBackedService#answer} turns into an ERROR reply. An absent field and a field holding
 * nil are the same. Services with fields of their own (keys, topic names) extend it.
 */
public class RequestContent {
    private final String op;
    private final Map<?, ?> content;

    /** The content {@code content} of a request for {@code op}. */
    protected RequestContent(String op, Map<?, ?> content) {
        this.op = op;
        this.content = content;
    }

    /** The content of {@code request}, which must be a map. */
    public static RequestContent of(String op, Message request) {
        return new RequestContent(op, map(op, request, false));
    }

    /**
     * The map content of {@code request}; with {@code absentIsEmpty}, a request without content reads as an empty
     * map.
     */
    protected static Map<?, ?> map(String op, Message request, boolean absentIsEmpty) {
        Object content = request.content().orElse(absentIsEmpty ? Map.of() : null);
        if (content instanceof Map<?, ?> map) {
            return map;
        }
        throw badRequest("op '" + op + "' needs a map as content but got " + Message.describeType(content));
    }

    /** A {@link ResponseCodes#BAD_REQUEST} refusal with {@code text} as the reply's text. */
    public static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }

    /** A {@link ResponseCodes#BAD_REQUEST} refusal whose text starts with this request's op. */
    public final RequestException bad(String text) {
        return badRequest("op '" + op + "': " + text);
    }

    /** The op this content was sent with. */
    public final String op() {
        return op;
    }

    /** The value of {@code field} as received, if present and not nil. */
    public final Optional<Object> value(String field) {
        return Optional.ofNullable(content.get(field));
    }

    /** A string field that must be present and not blank. */
    public final String requiredString(String field) {
        return optionalString(field).filter(s -> !s.isBlank()).orElseThrow(() -> badRequest("op '" + op
                + "' needs field '" + field + "' (a non-empty string)"));
    }

    /** A string field that may be absent; present with another type is refused. */
    public final Optional<String> optionalString(String field) {
        return typed(field, String.class, "a string");
    }

    /** An optional string field that, when present, must not be blank. */
    public final Optional<String> optionalNonBlank(String field) {
        Optional<String> v = optionalString(field);
        if (v.isPresent() && v.get().isBlank()) {
            throw bad("field '" + field + "' must not be empty");
        }
        return v;
    }

    /** An integer field that may be absent; present with another type (a float too) is refused. */
    public final Optional<Long> optionalInteger(String field) {
        return value(field).map(v -> {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            throw bad("field '" + field + "' must be an integer but is " + Message.describeType(v));
        });
    }

    /** A non-negative integer field no larger than {@link Integer#MAX_VALUE} that may be absent. */
    public final Optional<Integer> optionalCount(String field) {
        return value(field).map(v -> {
            if ((v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                    && ((Number) v).longValue() >= 0 && ((Number) v).longValue() <= Integer.MAX_VALUE) {
                return ((Number) v).intValue();
            }
            throw bad("field '" + field + "' must be a non-negative integer but is "
                    + (v instanceof Number ? v : Message.describeType(v)));
        });
    }

    /** A boolean field that may be absent. */
    public final Optional<Boolean> optionalFlag(String field) {
        return typed(field, Boolean.class, "a boolean");
    }

    /** A map field that may be absent. */
    public final Optional<Map<?, ?>> optionalMap(String field) {
        return value(field).map(v -> {
            if (v instanceof Map<?, ?> map) {
                return map;
            }
            throw bad("field '" + field + "' must be a map but is " + Message.describeType(v));
        });
    }

    /**
     * A binary field that may be absent. A string is taken as its UTF-8 bytes: R1's msgpack dialect has one raw
     * type for both and delivers binary that happens to be valid UTF-8 as a string.
     */
    public final Optional<byte[]> optionalBinary(String field) {
        return value(field).map(v -> {
            if (v instanceof byte[] || v instanceof String) {
                return Message.convert(v, byte[].class, field);
            }
            throw bad("field '" + field + "' must be binary but is " + Message.describeType(v));
        });
    }

    /** A binary field that must be present; see {@link #optionalBinary}. */
    public final byte[] requiredBinary(String field) {
        return optionalBinary(field).orElseThrow(() -> bad("needs field '" + field + "' (binary)"));
    }

    private <T> Optional<T> typed(String field, Class<T> type, String description) {
        return value(field).map(v -> {
            if (type.isInstance(v)) {
                return type.cast(v);
            }
            throw bad("field '" + field + "' must be " + description + " but is " + Message.describeType(v));
        });
    }
}
