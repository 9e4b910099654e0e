package ion.object.repository;

import com.google.protobuf.Message;
import ion.object.Element;
import ion.object.ObjectKey;
import java.util.List;
import java.util.Optional;

/**
 * The content-addressed objects of a {@link Repository}: commits and the objects of their trees, as
 * {@link Element}s (kept bytes) by key. Elements are immutable and only ever added. Implementations may keep
 * decoded objects in a bounded cache, but {@link #get} must return every element that was {@link #put}.
 */
public interface ObjectStore {

    /** Adds an element; adding an element with a key already present changes nothing. */
    void put(Element element);

    /** The element with this key, if it was put. */
    Optional<Element> get(ObjectKey key);

    /** Whether an element with this key was put. */
    default boolean contains(ObjectKey key) {
        return get(key).isPresent();
    }

    /**
     * The decoded object with this key, if it was put.
     *
     * @throws ion.object.UnknownTypeException if its type is not registered with the store
     * @throws ion.object.MalformedStructureException if its bytes do not parse as its type
     */
    Optional<Message> object(ObjectKey key);

    /** Every element, in the order they were first put. */
    List<Element> elements();

    /** The number of elements. */
    int size();
}
