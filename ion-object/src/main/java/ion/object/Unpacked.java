package ion.object;

import com.google.protobuf.Message;
import ion.object.proto.CASRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verified content of a {@code Structure}: its head, if it has one, and its items by key in the order
 * received. Every key matched its value, every type was known and every link resolved (or, if allowed, is
 * listed in {@link #missing()}); the objects are parsed once and kept next to their unchanged bytes.
 */
public final class Unpacked {
    private final Optional<Element> head;
    private final Map<ObjectKey, Element> items;
    private final Map<ObjectKey, Message> objects;
    private final List<CASRef> missing;

    Unpacked(Optional<Element> head, Map<ObjectKey, Element> items, Map<ObjectKey, Message> objects,
            List<CASRef> missing) {
        this.head = head;
        this.items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        this.objects = Map.copyOf(objects);
        this.missing = List.copyOf(missing);
    }

    /** The head element; empty for a plain list of elements. */
    public Optional<Element> head() {
        return head;
    }

    /** The items by key, in the order received. */
    public Map<ObjectKey, Element> items() {
        return items;
    }

    /**
     * The links to objects the structure does not carry, one per key, in the order found; always empty from
     * {@link StructureCodec#unpack}, which refuses such links.
     */
    public List<CASRef> missing() {
        return missing;
    }

    /** The element with this key, the head included. */
    public Optional<Element> element(ObjectKey key) {
        if (head.isPresent() && head.get().key().equals(key)) {
            return head;
        }
        return Optional.ofNullable(items.get(key));
    }

    /** The parsed object with this key, the head included. */
    public Optional<Message> object(ObjectKey key) {
        return Optional.ofNullable(objects.get(key));
    }

    /**
     * The parsed head object as the expected class.
     *
     * @throws IllegalStateException if there is no head
     * @throws IllegalArgumentException if the head is of another type
     */
    public <T extends Message> T headObject(Class<T> expected) {
        Element element = head.orElseThrow(() -> new IllegalStateException("the structure has no head"));
        return cast(element, expected);
    }

    /**
     * The object a link points to, as the expected class. Links inside this structure always resolve.
     *
     * @throws DanglingReferenceException if the link points outside this structure
     * @throws IllegalArgumentException if the target is of another type
     */
    public <T extends Message> T resolve(CASRef link, Class<T> expected) {
        ObjectKey key = new ObjectKey(link.getKey());
        Element element = element(key).orElseThrow(() -> new DanglingReferenceException(
                key, TypeId.of(link.getType())));
        return cast(element, expected);
    }

    private <T extends Message> T cast(Element element, Class<T> expected) {
        Message object = objects.get(element.key());
        if (!expected.isInstance(object)) {
            throw new IllegalArgumentException("element " + element.key() + " holds a "
                    + object.getDescriptorForType().getFullName() + " (type " + element.type() + "), not a "
                    + expected.getSimpleName());
        }
        return expected.cast(object);
    }
}
