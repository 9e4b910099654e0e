package ion.object.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import ion.object.DanglingReferenceException;
import ion.object.Element;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeId;
import ion.object.TypeRegistry;
import ion.object.Unpacked;
import ion.object.proto.CASRef;
import ion.object.proto.IonMsg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed content of a message whose {@code encoding} is {@code ION R1 GPB}: a head object plus the objects it
 * links to, as one R1 {@code Structure}. Immutable and thread-safe.
 *
 * <p>A received message keeps the bytes it arrived in, and {@link #toBytes()} returns them unchanged, so a
 * forwarded message keeps its keys. A message made here with {@link #of(Message)} is R1's {@code MessageInstance}:
 * an {@code IonMsg} head whose {@code message_object} links to the payload.
 */
public final class ObjectMessage {
    private final TypeRegistry registry;
    private final Element head;
    private final Map<ObjectKey, Element> items;
    private final Map<ObjectKey, Message> objects;
    private final Optional<ByteString> received;

    private ObjectMessage(TypeRegistry registry, Element head, Map<ObjectKey, Element> items,
            Map<ObjectKey, Message> objects, Optional<ByteString> received) {
        this.registry = registry;
        this.head = head;
        this.items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
        this.objects = Map.copyOf(objects);
        this.received = received;
    }

    /**
     * An {@code IonMsg} head linking to {@code payload}, with the types of {@link TypeRegistry#standard()}. The
     * head's {@code name} is the payload's message type name, its {@code identity} the payload's key in hex, and
     * its {@code type} the payload's type (which 2011 R1 services read, and later ones ignore).
     *
     * @throws ion.object.UnknownTypeException if the payload's type is not registered
     */
    public static ObjectMessage of(Message payload) {
        return of(payload, TypeRegistry.standard());
    }

    /** As {@link #of(Message)}, with the types of {@code registry}. */
    public static ObjectMessage of(Message payload, TypeRegistry registry) {
        Element element = Element.of(payload, registry);
        IonMsg head = IonMsg.newBuilder()
                .setName(payload.getDescriptorForType().getName())
                .setIdentity(element.key().toString())
                .setType(element.type().toGpbType())
                .setMessageObject(element.link())
                .build();
        return structure(head, List.of(payload), registry);
    }

    /**
     * A structure of any head object and the objects it links to, in this order.
     *
     * @throws ion.object.UnknownTypeException if a type is not registered
     * @throws DanglingReferenceException if a link of the head or an item points to none of them
     */
    public static ObjectMessage structure(Message head, List<? extends Message> items, TypeRegistry registry) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(registry, "registry");
        Element headElement = Element.of(head, registry);
        Map<ObjectKey, Element> elements = new LinkedHashMap<>();
        Map<ObjectKey, Message> parsed = new LinkedHashMap<>();
        parsed.put(headElement.key(), head);
        for (Message item : items) {
            Element element = Element.of(item, registry);
            if (!element.key().equals(headElement.key())) {
                elements.putIfAbsent(element.key(), element);
            }
            parsed.putIfAbsent(element.key(), item);
        }
        ObjectMessage message = new ObjectMessage(registry, headElement, elements, parsed, Optional.empty());
        new StructureCodec(registry).unpack(message.toBytes());
        return message;
    }

    /**
     * Unpacks and verifies received Structure bytes, keeping them for {@link #toBytes()}.
     *
     * @throws ion.object.MalformedStructureException if they are cut short, a key does not match, a value does
     *     not parse or a link dangles
     * @throws ion.object.UnknownTypeException if a type id is not registered
     * @throws IllegalArgumentException if the structure has no head
     */
    public static ObjectMessage decode(ByteString bytes, StructureCodec codec) {
        Unpacked unpacked = codec.unpack(bytes);
        Element head = unpacked.head().orElseThrow(() -> new IllegalArgumentException(
                "the Structure has no head element"));
        Map<ObjectKey, Message> parsed = new LinkedHashMap<>();
        parsed.put(head.key(), unpacked.object(head.key()).orElseThrow());
        unpacked.items().keySet().forEach(k -> parsed.put(k, unpacked.object(k).orElseThrow()));
        return new ObjectMessage(codec.registry(), head, unpacked.items(), parsed, Optional.of(bytes));
    }

    /** The head element. */
    public Element head() {
        return head;
    }

    /** The head object. */
    public Message headObject() {
        return objects.get(head.key());
    }

    /**
     * The head object as the expected class.
     *
     * @throws IllegalArgumentException if the head is of another type
     */
    public <T extends Message> T headAs(Class<T> expected) {
        return cast(head, expected);
    }

    /** The elements other than the head, in structure order. */
    public List<Element> items() {
        return List.copyOf(items.values());
    }

    /** Every element, the head first. */
    public List<Element> elements() {
        List<Element> all = new ArrayList<>();
        all.add(head);
        all.addAll(items.values());
        return List.copyOf(all);
    }

    /**
     * The object a link points to, as the expected class.
     *
     * @throws DanglingReferenceException if the link points outside this structure
     * @throws IllegalArgumentException if the target is of another type
     */
    public <T extends Message> T resolve(CASRef link, Class<T> expected) {
        ObjectKey key = new ObjectKey(link.getKey());
        Optional<Element> element = key.equals(head.key()) ? Optional.of(head) : Optional.ofNullable(items.get(key));
        return cast(element.orElseThrow(() -> new DanglingReferenceException(key, TypeId.of(link.getType()))),
                expected);
    }

    /**
     * The object the {@code IonMsg} head's {@code message_object} links to.
     *
     * @throws IllegalArgumentException if the head is not an {@code IonMsg} or links to nothing
     */
    public Message payload() {
        return payloadAs(Message.class);
    }

    /**
     * The payload as the expected class; see {@link #payload()}.
     *
     * @throws IllegalArgumentException if the head is not an {@code IonMsg}, links to nothing, or the payload is
     *     of another type
     */
    public <T extends Message> T payloadAs(Class<T> expected) {
        IonMsg ionMsg = headAs(IonMsg.class);
        if (!ionMsg.hasMessageObject()) {
            throw new IllegalArgumentException("the IonMsg head " + head.key() + " has no message_object");
        }
        return resolve(ionMsg.getMessageObject(), expected);
    }

    /** The type of the payload of an {@code IonMsg} head, if the head is one and links to an object. */
    public Optional<TypeId> payloadType() {
        if (headObject() instanceof IonMsg ionMsg && ionMsg.hasMessageObject()) {
            return Optional.of(TypeId.of(ionMsg.getMessageObject().getType()));
        }
        return Optional.empty();
    }

    /** Whether this message was decoded from received bytes (which {@link #toBytes()} returns unchanged). */
    public boolean isReceived() {
        return received.isPresent();
    }

    /** The Structure bytes: those received, or the head and items packed in order. */
    public ByteString toBytes() {
        return received.orElseGet(() -> new StructureCodec(registry).pack(head, items.values()));
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

    @Override
    public String toString() {
        return "ObjectMessage{head=" + head.key() + " type " + head.type() + ", items=" + items.size() + "}";
    }
}
