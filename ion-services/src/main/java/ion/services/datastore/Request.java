package ion.services.datastore;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.object.ObjectKey;
import ion.services.registry.RequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The map content of one datastore request, read field by field; anything missing or of the wrong type is
 * refused with {@link ResponseCodes#BAD_REQUEST} naming the op and the field. Keys travel as 40 hex digits (either
 * case) or as 20 raw bytes. Binary fields also accept a string, as the R1 msgpack dialect, which has one raw type
 * for both, delivers binary that happens to be valid UTF-8 (its UTF-8 bytes are the original bytes).
 */
final class Request {
    private final String op;
    private final Map<?, ?> content;

    private Request(String op, Map<?, ?> content) {
        this.op = op;
        this.content = content;
    }

    static Request of(String op, Message message) {
        Object content = message.content().orElse(null);
        if (content instanceof Map<?, ?> map) {
            return new Request(op, map);
        }
        throw badRequest("op '" + op + "' needs a map as content but got " + Message.describeType(content));
    }

    static RequestException badRequest(String text) {
        return new RequestException(ResponseCodes.BAD_REQUEST, text);
    }

    RequestException bad(String text) {
        return badRequest("op '" + op + "': " + text);
    }

    String requiredString(String field) {
        return optionalString(field).filter(s -> !s.isBlank()).orElseThrow(() -> badRequest("op '" + op
                + "' needs field '" + field + "' (a non-empty string)"));
    }

    Optional<String> optionalString(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw bad("field '" + field + "' must be a string but is " + Message.describeType(v));
    }

    Optional<byte[]> optionalBinary(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof byte[] || v instanceof String) {
            return Optional.of(Message.convert(v, byte[].class, field));
        }
        throw bad("field '" + field + "' must be binary but is " + Message.describeType(v));
    }

    byte[] requiredBinary(String field) {
        return optionalBinary(field).orElseThrow(() -> bad("needs field '" + field + "' (binary)"));
    }

    Optional<Long> optionalInteger(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Optional.of(((Number) v).longValue());
        }
        throw bad("field '" + field + "' must be an integer but is " + Message.describeType(v));
    }

    /** A list of keys; absent is an empty list. */
    List<ObjectKey> keys(String field) {
        Object v = content.get(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw bad("field '" + field + "' must be a list of keys but is " + Message.describeType(v));
        }
        List<ObjectKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            keys.add(key(field + "[" + i + "]", list.get(i)));
        }
        return keys;
    }

    /** A map from branch names to head keys. */
    Map<String, ObjectKey> branches(String field) {
        Object v = content.get(field);
        if (!(v instanceof Map<?, ?> map)) {
            throw bad("needs field '" + field + "' (a map from branch names to head keys) but got "
                    + Message.describeType(v));
        }
        return branches(field, map);
    }

    Optional<Map<?, ?>> optionalMap(String field) {
        Object v = content.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> map) {
            return Optional.of(map);
        }
        throw bad("field '" + field + "' must be a map but is " + Message.describeType(v));
    }

    Map<String, ObjectKey> branches(String field, Map<?, ?> map) {
        Map<String, ObjectKey> branches = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name) || name.isBlank()) {
                throw bad("field '" + field + "' has a branch name that is not a non-empty string: "
                        + Message.describeType(entry.getKey()));
            }
            branches.put(name, key(field + "." + name, entry.getValue()));
        }
        return branches;
    }

    ObjectKey key(String where, Object value) {
        if (value instanceof byte[] raw && raw.length == ObjectKey.LENGTH) {
            return ObjectKey.of(raw);
        }
        if (value instanceof String text && text.getBytes(StandardCharsets.UTF_8).length == ObjectKey.LENGTH) {
            return ObjectKey.of(text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof String hex && hex.length() == 2 * ObjectKey.LENGTH) {
            try {
                return ObjectKey.of(HexFormat.of().parseHex(hex));
            } catch (IllegalArgumentException e) {
                throw bad("'" + where + "' is not a key: '" + hex + "' is not hex");
            }
        }
        throw bad("'" + where + "' is not a key (40 hex digits or 20 bytes): "
                + (value instanceof String s ? "'" + s + "'" : Message.describeType(value)));
    }
}
