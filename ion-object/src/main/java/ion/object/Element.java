package ion.object;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import ion.object.proto.CASRef;
import ion.object.proto.StructureElement;
import java.util.Objects;

/**
 * One content-addressed object as it travels: key, type, leaf flag and the serialized value. The value bytes
 * are kept exactly as created or received and are never re-serialized, so an element is forwarded unchanged
 * and its key stays valid.
 *
 * @param key the content key
 * @param type the object's type id
 * @param isLeaf whether the object has no links (a loading hint; not part of the key)
 * @param value the object's protobuf bytes
 */
public record Element(ObjectKey key, TypeId type, boolean isLeaf, ByteString value) {

    /** Requires every part; the key is not checked here (see {@link #keyMatchesValue()}). */
    public Element {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The element of an object of a registered type: serializes it once and computes its key. */
    public static Element of(Message object, TypeRegistry registry) {
        TypeId type = registry.typeOf(object);
        ByteString value = object.toByteString();
        return new Element(Keys.of(value, type), type, Links.isLeaf(object), value);
    }

    /**
     * The element as carried in a {@code StructureElement}, without checking its key; {@link StructureCodec#unpack}
     * checks it.
     *
     * @throws IllegalArgumentException if the key is not 20 bytes
     */
    public static Element fromProto(StructureElement element) {
        return new Element(new ObjectKey(element.getKey()), TypeId.of(element.getType()), element.getIsleaf(),
                element.getValue());
    }

    /** This element as the wire message. */
    public StructureElement toProto() {
        return StructureElement.newBuilder()
                .setKey(key.bytes())
                .setType(type.toGpbType())
                .setIsleaf(isLeaf)
                .setValue(value)
                .build();
    }

    /** A link to this element, for a field of another object. */
    public CASRef link() {
        return CASRef.newBuilder().setKey(key.bytes()).setType(type.toGpbType()).setIsleaf(isLeaf).build();
    }

    /** The key of the value and type, computed again. */
    public ObjectKey computedKey() {
        return Keys.of(value, type);
    }

    /** Whether the key is the key of the value and type. */
    public boolean keyMatchesValue() {
        return key.equals(computedKey());
    }

    /**
     * The object, parsed from the value.
     *
     * @throws UnknownTypeException if the type is not registered
     * @throws MalformedStructureException if the value does not parse as that type
     */
    public Message object(TypeRegistry registry) {
        try {
            return registry.parse(type, value);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedStructureException("element " + key + ": value (" + value.size()
                    + " bytes) is not a valid " + registry.prototype(type).getDescriptorForType().getFullName()
                    + " (type " + type + "): " + e.getMessage(), e);
        }
    }

    /**
     * The object, parsed from the value, as the expected class.
     *
     * @throws IllegalArgumentException if the element holds another type
     */
    public <T extends Message> T object(TypeRegistry registry, Class<T> expected) {
        Message object = object(registry);
        if (!expected.isInstance(object)) {
            throw new IllegalArgumentException("element " + key + " holds a "
                    + object.getDescriptorForType().getFullName() + " (type " + type + "), not a "
                    + expected.getSimpleName());
        }
        return expected.cast(object);
    }
}
