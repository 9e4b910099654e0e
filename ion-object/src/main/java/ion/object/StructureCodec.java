package ion.object;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import ion.object.proto.CASRef;
import ion.object.proto.Structure;
import ion.object.proto.StructureElement;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Packs content-addressed objects into R1's {@code Structure} (a head element plus items) and unpacks and
 * verifies received ones.
 *
 * <p>Packing writes the elements' kept bytes as they are, the head first, then the items in the given order or,
 * for {@link #packGraph}, breadth-first along the links in field order; equal input gives equal bytes.
 *
 * <p>Unpacking checks everything before it returns: the bytes are a complete {@code Structure}, every element
 * is complete and of a registered type, every key is the key of its value and type, every value parses as its
 * type, and every {@code CASRef} points to an element of the structure with the type the link declares. Errors
 * name the element ({@code head} or {@code items[i]}) and its key in hex, or the byte offset.
 */
public final class StructureCodec {

    private static final int HEAD = Structure.HEAD_FIELD_NUMBER;
    private static final int ITEMS = Structure.ITEMS_FIELD_NUMBER;

    private final TypeRegistry registry;

    /** A codec for the types of this registry. */
    public StructureCodec(TypeRegistry registry) {
        this.registry = registry;
    }

    /** A codec for {@link TypeRegistry#standard()}. */
    public static StructureCodec standard() {
        return new StructureCodec(TypeRegistry.standard());
    }

    /** The registry this codec checks types against. */
    public TypeRegistry registry() {
        return registry;
    }

    /**
     * A structure of a head and these items, in this order; an item with the head's key or a key seen before is
     * left out. The links are not followed or checked; see {@link #packGraph}.
     */
    public ByteString pack(Element head, Collection<Element> items) {
        Structure.Builder structure = Structure.newBuilder().setHead(head.toProto());
        addItems(structure, Optional.of(head.key()), items);
        return structure.build().toByteString();
    }

    /** A structure without head: a plain list of elements (as R1's fetch of linked objects sends). */
    public ByteString packList(Collection<Element> elements) {
        Structure.Builder structure = Structure.newBuilder();
        addItems(structure, Optional.empty(), elements);
        return structure.build().toByteString();
    }

    /**
     * A structure of a head and every element it reaches through links, breadth-first, each object's links in
     * field order.
     *
     * @param available the elements the links may point to (more do no harm)
     * @throws DanglingReferenceException if a reachable link points to an element that is not available
     */
    public ByteString packGraph(Element head, Collection<Element> available) {
        Map<ObjectKey, Element> byKey = new HashMap<>();
        available.forEach(element -> byKey.putIfAbsent(element.key(), element));
        List<Element> items = new ArrayList<>();
        Set<ObjectKey> seen = new HashSet<>();
        seen.add(head.key());
        Deque<Element> queue = new ArrayDeque<>();
        queue.add(head);
        while (!queue.isEmpty()) {
            Element from = queue.removeFirst();
            for (CASRef link : Links.of(from.object(registry))) {
                ObjectKey target = new ObjectKey(link.getKey());
                if (!seen.add(target)) {
                    continue;
                }
                Element element = byKey.get(target);
                if (element == null) {
                    throw new DanglingReferenceException("packing: element", from.key(), target,
                            TypeId.of(link.getType()));
                }
                items.add(element);
                queue.addLast(element);
            }
        }
        return pack(head, items);
    }

    /**
     * Unpacks and verifies a structure.
     *
     * @throws MalformedStructureException if the bytes are cut short or not a structure, an element is
     *     incomplete, a key does not match its value ({@link KeyMismatchException}), a value does not parse, or a
     *     link does not resolve ({@link DanglingReferenceException})
     * @throws UnknownTypeException if an element's type id is not registered
     */
    public Unpacked unpack(ByteString bytes) {
        return unpack(bytes, false);
    }

    /** Unpacks and verifies a structure; see {@link #unpack(ByteString)}. */
    public Unpacked unpack(byte[] bytes) {
        return unpack(ByteString.copyFrom(bytes));
    }

    /**
     * Unpacks and verifies a structure that may link to objects it does not carry, as R1 sends a repository: its
     * commits without their object trees, which the receiver fetches. Everything is checked as by
     * {@link #unpack(ByteString)} except that a link to an absent element is listed in
     * {@link Unpacked#missing()} instead of failing.
     */
    public Unpacked unpackAllowingMissing(ByteString bytes) {
        return unpack(bytes, true);
    }

    private Unpacked unpack(ByteString bytes, boolean allowMissing) {
        List<Located> located = split(bytes);
        Optional<Element> head = Optional.empty();
        Map<ObjectKey, Element> items = new LinkedHashMap<>();
        Map<ObjectKey, Message> objects = new HashMap<>();
        Map<ObjectKey, List<CASRef>> links = new LinkedHashMap<>();
        Map<ObjectKey, String> names = new HashMap<>();
        for (Located part : located) {
            Verified verified = verify(part);
            Element element = verified.element();
            Message object = verified.object();
            objects.putIfAbsent(element.key(), object);
            links.putIfAbsent(element.key(), Links.of(object));
            names.putIfAbsent(element.key(), part.where());
            if (part.where().equals("head")) {
                head = Optional.of(element);
            } else {
                items.putIfAbsent(element.key(), element);
            }
        }
        Map<ObjectKey, Element> all = new HashMap<>(items);
        head.ifPresent(element -> all.put(element.key(), element));
        Map<ObjectKey, CASRef> missing = new LinkedHashMap<>();
        for (Map.Entry<ObjectKey, List<CASRef>> entry : links.entrySet()) {
            String where = names.get(entry.getKey());
            for (CASRef link : entry.getValue()) {
                checkLink(where, entry.getKey(), link, all).ifPresent(target -> {
                    if (!allowMissing) {
                        throw new DanglingReferenceException(where, entry.getKey(), target,
                                TypeId.of(link.getType()));
                    }
                    missing.putIfAbsent(target, link);
                });
            }
        }
        return new Unpacked(head, items, objects, List.copyOf(missing.values()));
    }

    private static void addItems(Structure.Builder structure, Optional<ObjectKey> headKey,
            Collection<Element> items) {
        Set<ObjectKey> seen = new HashSet<>();
        headKey.ifPresent(seen::add);
        for (Element item : items) {
            if (seen.add(item.key())) {
                structure.addItems(item.toProto());
            }
        }
    }

    private record Located(String where, int offset, ByteString bytes) {
    }

    /** Walks the top level of the structure, so that a short or broken element is reported with its place. */
    private static List<Located> split(ByteString bytes) {
        List<Located> parts = new ArrayList<>();
        CodedInputStream in = bytes.newCodedInput();
        int total = bytes.size();
        int itemIndex = 0;
        boolean haveHead = false;
        while (true) {
            int offset = in.getTotalBytesRead();
            int tag;
            try {
                tag = in.readTag();
            } catch (IOException e) {
                throw malformed("Structure (" + total + " bytes): bad field tag at byte offset " + offset, e);
            }
            if (tag == 0) {
                return parts;
            }
            int field = WireFormat.getTagFieldNumber(tag);
            if (field != HEAD && field != ITEMS) {
                skip(in, tag, field, offset, total);
                continue;
            }
            String where = field == HEAD ? "head" : "items[" + itemIndex++ + "]";
            if (field == HEAD && haveHead) {
                throw malformed("Structure (" + total + " bytes): a second head at byte offset " + offset);
            }
            haveHead |= field == HEAD;
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                throw malformed("Structure (" + total + " bytes): " + where + " at byte offset " + offset
                        + " has wire type " + WireFormat.getTagWireType(tag) + ", not an embedded message");
            }
            int length;
            try {
                length = in.readRawVarint32();
            } catch (IOException e) {
                throw malformed("Structure truncated (" + total + " bytes): the length of " + where
                        + " at byte offset " + offset + " is cut off", e);
            }
            int start = in.getTotalBytesRead();
            int remaining = total - start;
            if (length < 0 || length > remaining) {
                throw malformed("Structure truncated (" + total + " bytes): " + where + " at byte offset " + offset
                        + " declares " + length + " bytes but only " + remaining + " remain");
            }
            parts.add(new Located(where, offset, bytes.substring(start, start + length)));
            try {
                in.skipRawBytes(length);
            } catch (IOException e) {
                throw malformed("Structure (" + total + " bytes): cannot skip " + where, e);
            }
        }
    }

    private static void skip(CodedInputStream in, int tag, int field, int offset, int total) {
        try {
            if (!in.skipField(tag)) {
                throw malformed("Structure (" + total + " bytes): unexpected end-group tag at byte offset " + offset);
            }
        } catch (IOException e) {
            throw malformed("Structure truncated (" + total + " bytes): unknown field " + field + " at byte offset "
                    + offset + " is cut off", e);
        }
    }

    private record Verified(Element element, Message object) {
    }

    private Verified verify(Located part) {
        String at = part.where() + " at byte offset " + part.offset();
        StructureElement proto;
        try {
            proto = StructureElement.parseFrom(part.bytes());
        } catch (InvalidProtocolBufferException e) {
            throw malformed(at + " (" + part.bytes().size() + " bytes) is not a valid StructureElement: "
                    + e.getMessage(), e);
        }
        if (proto.getKey().size() != ObjectKey.LENGTH) {
            throw malformed(at + ": the key has " + proto.getKey().size() + " bytes, not " + ObjectKey.LENGTH);
        }
        Element element = Element.fromProto(proto);
        String where = part.where() + " (key " + element.key() + ")";
        if (!registry.knows(element.type())) {
            throw new UnknownTypeException(where, element.type(), registry.known());
        }
        ObjectKey computed = element.computedKey();
        if (!computed.equals(element.key())) {
            throw new KeyMismatchException(part.where(), element.key(), computed);
        }
        try {
            return new Verified(element, registry.parse(element.type(), element.value()));
        } catch (InvalidProtocolBufferException e) {
            throw malformed(where + ": value (" + element.value().size() + " bytes) is not a valid "
                    + registry.prototype(element.type()).getDescriptorForType().getFullName() + " (type "
                    + element.type() + "): " + e.getMessage(), e);
        }
    }

    /** Checks a link; the key it points to if that is not in the structure. */
    private static Optional<ObjectKey> checkLink(String where, ObjectKey from, CASRef link,
            Map<ObjectKey, Element> all) {
        TypeId declared = TypeId.of(link.getType());
        if (link.getKey().size() != ObjectKey.LENGTH) {
            throw malformed(where + " (key " + from + "): a link has a key of " + link.getKey().size()
                    + " bytes, not " + ObjectKey.LENGTH);
        }
        ObjectKey target = new ObjectKey(link.getKey());
        Element element = all.get(target);
        if (element == null) {
            return Optional.of(target);
        }
        if (!element.type().equals(declared)) {
            throw malformed(where + " (key " + from + "): the link to " + target + " declares type " + declared
                    + " but that element has type " + element.type());
        }
        return Optional.empty();
    }

    private static MalformedStructureException malformed(String message) {
        return new MalformedStructureException(message);
    }

    private static MalformedStructureException malformed(String message, Throwable cause) {
        return new MalformedStructureException(message, cause);
    }
}
