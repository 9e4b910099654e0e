package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenStructureTest {

    private final StructureCodec codec = StructureCodec.standard();
    private final TypeRegistry registry = TypeRegistry.standard();

    @Test
    void personElementHasTheGoldenValueKeyAndLeafFlag() {
        Element person = Element.of(Golden.person(), registry);

        assertEquals(Golden.PERSON_VALUE, Golden.hex(person.value()));
        assertEquals(Golden.PERSON_KEY, person.key().toString());
        assertEquals(TypeId.of(20001), person.type());
        assertTrue(person.isLeaf());
    }

    @Test
    void messageWithAPersonPacksToTheGoldenStructure() {
        Element person = Element.of(Golden.person(), registry);
        Element head = Element.of(Golden.message(person), registry);

        ByteString packed = codec.pack(head, List.of(person));

        assertEquals(Golden.HEAD_KEY, head.key().toString());
        assertFalse(head.isLeaf());
        assertEquals(Golden.STRUCTURE, Golden.hex(packed));
    }

    @Test
    void packingTheGraphFindsThePersonThroughTheLink() {
        Element person = Element.of(Golden.person(), registry);
        Element unrelated = Element.of(Person.newBuilder().setName("Someone else").build(), registry);
        Element head = Element.of(Golden.message(person), registry);

        ByteString packed = codec.packGraph(head, List.of(unrelated, person));

        assertEquals(Golden.STRUCTURE, Golden.hex(packed));
    }

    @Test
    void goldenStructureUnpacksToTheMessageAndThePerson() {
        Unpacked unpacked = codec.unpack(Golden.bytes(Golden.STRUCTURE));

        Element head = unpacked.head().orElseThrow();
        assertEquals(Golden.HEAD_KEY, head.key().toString());
        assertEquals(TypeId.of(11), head.type());
        IonMsg message = unpacked.headObject(IonMsg.class);
        assertEquals("hello", message.getName());
        assertEquals("ident-1", message.getIdentity());
        assertFalse(message.hasType());
        assertEquals(Golden.PERSON_KEY, Golden.hex(message.getMessageObject().getKey()));
        assertTrue(message.getMessageObject().getIsleaf());
        Person person = unpacked.resolve(message.getMessageObject(), Person.class);
        assertEquals("David", person.getName());
        assertEquals("123", person.getPhone(0).getNumber());
        assertEquals(Person.PhoneType.WORK, person.getPhone(0).getType());
        assertEquals(List.of(ObjectKey.fromHex(Golden.PERSON_KEY)), List.copyOf(unpacked.items().keySet()));
    }

    @Test
    void unpackedElementsRepackToTheReceivedBytes() {
        ByteString received = Golden.byteString(Golden.STRUCTURE);
        Unpacked unpacked = codec.unpack(received);

        ByteString repacked = codec.pack(unpacked.head().orElseThrow(), unpacked.items().values());

        assertEquals(received, repacked);
    }

    @Test
    void receivedValueBytesAreKeptEvenWhenReserializingWouldChangeThem() {
        Element person = Element.of(Golden.person(), registry);
        ByteString withUnknownField = person.value().concat(Golden.byteString("F80101"));
        Element odd = new Element(Keys.of(withUnknownField, person.type()), person.type(), true, withUnknownField);
        IonMsg message = Golden.message(odd);
        Element head = Element.of(message, registry);
        ByteString packed = codec.pack(head, List.of(odd));

        Unpacked unpacked = codec.unpack(packed);

        Element received = unpacked.items().get(odd.key());
        assertEquals(withUnknownField, received.value());
        assertTrue(received.keyMatchesValue());
        assertEquals(packed, codec.pack(unpacked.head().orElseThrow(), unpacked.items().values()));
    }

    @Test
    void contentOfTheGoldenMessageBodyIsTheGoldenStructure() {
        byte[] body = Golden.bytes(Golden.BODY);
        byte[] contentKey = Golden.bytes("A7" + Golden.hex(ByteString.copyFromUtf8("content")) + "DA");
        int at = indexOf(body, contentKey);
        assertTrue(at > 0, "the body has a content field with a raw-16 string");
        int start = at + contentKey.length + 2;
        int length = ((body[start - 2] & 0xFF) << 8) | (body[start - 1] & 0xFF);

        ByteString content = ByteString.copyFrom(body, start, length);

        assertEquals(143, length);
        assertEquals(Golden.STRUCTURE, Golden.hex(content));
        assertEquals("David", codec.unpack(content).resolve(
                codec.unpack(content).headObject(IonMsg.class).getMessageObject(), Person.class).getName());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
