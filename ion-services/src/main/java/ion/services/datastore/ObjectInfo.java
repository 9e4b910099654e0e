package ion.services.datastore;

import ion.object.ObjectKey;
import ion.object.TypeId;
import java.util.Map;

/**
 * One element (commit or object) of a repository as the datastore's {@code objects} lists it.
 *
 * @param key its key
 * @param type its type id
 * @param name the name of its message type ({@code ?} if the service does not know the type)
 * @param size the size of its value in bytes
 */
public record ObjectInfo(ObjectKey key, TypeId type, String name, int size) {
    static ObjectInfo fromMap(Map<?, ?> map) {
        return new ObjectInfo(ObjectKey.fromHex((String) map.get("key")),
                new TypeId(((Number) map.get("type")).intValue(), ((Number) map.get("version")).intValue()),
                (String) map.get("name"), ((Number) map.get("size")).intValue());
    }
}
