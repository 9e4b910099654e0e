package ion.services.datastore;

import ion.core.messaging.Message;
import ion.object.ObjectKey;
import ion.services.support.RequestContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map content of one datastore request, with the datastore's own fields: keys, which travel as 40 hex digits
 * (either case) or as 20 raw bytes, and branch maps.
 */
final class Request extends RequestContent {
    private Request(String op, Map<?, ?> content) {
        super(op, content);
    }

    public static Request of(String op, Message message) {
        return new Request(op, map(op, message, false));
    }

    /** A list of keys; absent is an empty list. */
    List<ObjectKey> keys(String field) {
        Object v = value(field).orElse(null);
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
        Object v = value(field).orElse(null);
        if (!(v instanceof Map<?, ?> map)) {
            throw bad("needs field '" + field + "' (a map from branch names to head keys) but got "
                    + Message.describeType(v));
        }
        return branches(field, map);
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
