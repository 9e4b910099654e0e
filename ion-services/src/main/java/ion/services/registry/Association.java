package ion.services.registry;

import ion.core.messaging.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A subject-predicate-object triple between two resources, as the {@code association} service sends it: a map
 * with the keys {@code id}, {@code subject}, {@code predicate} and {@code object}.
 *
 * @param id the association's id, a UUID string
 * @param subject the id of the subject resource
 * @param predicate the relation, e.g. {@code hasDataSource}
 * @param object the id of the object resource
 */
public record Association(String id, String subject, String predicate, String object) {
    public Association {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(object, "object");
    }

    /** The wire and storage form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("subject", subject);
        m.put("predicate", predicate);
        m.put("object", object);
        return m;
    }

    /**
     * Reads the wire or storage form.
     *
     * @throws ion.core.messaging.WrongContentTypeException if a field is missing or not a string
     */
    public static Association fromMap(Map<?, ?> m) {
        return new Association(
                Message.convert(m.get("id"), String.class, "id"),
                Message.convert(m.get("subject"), String.class, "subject"),
                Message.convert(m.get("predicate"), String.class, "predicate"),
                Message.convert(m.get("object"), String.class, "object"));
    }
}
