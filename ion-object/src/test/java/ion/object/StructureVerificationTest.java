package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import ion.object.proto.Structure;
import ion.object.proto.StructureElement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureVerificationTest {

    /** In the golden structure: the head element spans bytes 0-83, items[0] (the person) 84-142. */
    private static final int ITEM_OFFSET = 84;
    private static final int PERSON_VALUE_OFFSET = 143 - 23;
    private static final int HEAD_NAME_OFFSET = 36;

    private final StructureCodec codec = StructureCodec.standard();
    private final TypeRegistry registry = TypeRegistry.standard();

    @Test
    void aFlippedByteInAnItemValueIsRejectedNamingTheKey() {
        byte[] bytes = Golden.bytes(Golden.STRUCTURE);
        bytes[PERSON_VALUE_OFFSET + 3] ^= 0x01;

        KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> codec.unpack(bytes));

        assertEquals(Golden.PERSON_KEY, e.declared().toString());
        assertTrue(e.getMessage().startsWith("items[0]: key " + Golden.PERSON_KEY + " does not match its value"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the data is corrupted"), e.getMessage());
    }

    @Test
    void aFlippedByteInTheHeadValueIsRejectedNamingTheHead() {
        byte[] bytes = Golden.bytes(Golden.STRUCTURE);
        bytes[HEAD_NAME_OFFSET] ^= 0x20;

        KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> codec.unpack(bytes));

        assertEquals(Golden.HEAD_KEY, e.declared().toString());
        assertTrue(e.getMessage().startsWith("head: key " + Golden.HEAD_KEY), e.getMessage());
    }

    @Test
    void aFlippedByteInAKeyIsRejected() {
        byte[] bytes = Golden.bytes(Golden.STRUCTURE);
        bytes[ITEM_OFFSET + 4] ^= 0x01;

        KeyMismatchException e = assertThrows(KeyMismatchException.class, () -> codec.unpack(bytes));

        assertEquals(Golden.PERSON_KEY, e.computed().toString());
    }

    @Test
    void aLinkToAnElementThatIsNotSentIsRejectedNamingBothKeys() {
        Element person = Element.of(Golden.person(), registry);
        Element head = Element.of(Golden.message(person), registry);
        ByteString headOnly = codec.pack(head, List.of());

        DanglingReferenceException e = assertThrows(DanglingReferenceException.class, () -> codec.unpack(headOnly));

        assertEquals("head (key " + Golden.HEAD_KEY + ") links to " + Golden.PERSON_KEY
                + " (type 20001/v1), which is not in the structure", e.getMessage());
        assertEquals(Golden.PERSON_KEY, e.missing().toString());
        assertEquals(Golden.HEAD_KEY, e.from().orElseThrow().toString());
    }

    @Test
    void aStructureMayLeaveLinkedObjectsOutWhenAllowedAndListsThem() {
        Element person = Element.of(Golden.person(), registry);
        Element head = Element.of(Golden.message(person), registry);
        ByteString headOnly = codec.pack(head, List.of());

        Unpacked unpacked = codec.unpackAllowingMissing(headOnly);

        assertEquals(List.of(person.link()), unpacked.missing());
        assertEquals(head, unpacked.head().orElseThrow());
        assertTrue(codec.unpack(Golden.bytes(Golden.STRUCTURE)).missing().isEmpty());
    }

    @Test
    void leavingObjectsOutDoesNotExcuseACorruptedElement() {
        byte[] bytes = Arrays.copyOf(Golden.bytes(Golden.STRUCTURE), ITEM_OFFSET);
        bytes[HEAD_NAME_OFFSET] ^= 0x20;

        assertThrows(KeyMismatchException.class, () -> codec.unpackAllowingMissing(ByteString.copyFrom(bytes)));
    }

    @Test
    void resolvingALinkOutsideTheStructureNamesIt() {
        Unpacked unpacked = codec.unpack(Golden.bytes(Golden.STRUCTURE));
        Element stranger = Element.of(Person.newBuilder().setName("Stranger").build(), registry);

        DanglingReferenceException e = assertThrows(DanglingReferenceException.class,
                () -> unpacked.resolve(stranger.link(), Person.class));

        assertEquals("the link to " + stranger.key() + " (type 20001/v1) points to no element of the structure",
                e.getMessage());
    }

    @Test
    void packingAGraphWithAMissingElementIsRefused() {
        Element person = Element.of(Golden.person(), registry);
        Element head = Element.of(Golden.message(person), registry);

        DanglingReferenceException e = assertThrows(DanglingReferenceException.class,
                () -> codec.packGraph(head, List.of()));

        assertEquals(Golden.PERSON_KEY, e.missing().toString());
    }

    @Test
    void anUnknownTypeIdIsRejectedNamingTheIdAndTheKnownOnes() {
        ByteString value = ByteString.copyFromUtf8("opaque");
        TypeId unknown = TypeId.of(99999);
        Element element = new Element(Keys.of(value, unknown), unknown, true, value);
        ByteString bytes = codec.packList(List.of(element));

        UnknownTypeException e = assertThrows(UnknownTypeException.class, () -> codec.unpack(bytes));

        assertEquals(unknown, e.typeId().orElseThrow());
        assertTrue(e.getMessage().startsWith("items[0] (key " + element.key() + "): unknown type id 99999/v1; known: "
                + "1/v1, 2/v1, 3/v1"), e.getMessage());
        assertTrue(e.getMessage().contains("20001/v1"), e.getMessage());
    }

    @Test
    void everyTruncationOfTheGoldenStructureIsRejected() {
        byte[] bytes = Golden.bytes(Golden.STRUCTURE);
        for (int length = 1; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(MalformedStructureException.class, () -> codec.unpack(cut), "cut to " + length + " bytes");
        }
    }

    @Test
    void aTruncatedItemIsReportedWithItsPlaceAndLengths() {
        byte[] cut = Arrays.copyOf(Golden.bytes(Golden.STRUCTURE), 100);

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(cut));

        assertEquals("Structure truncated (100 bytes): items[0] at byte offset 84 declares 57 bytes but only 14 remain",
                e.getMessage());
    }

    @Test
    void aCutOffLengthIsReported() {
        byte[] cut = Arrays.copyOf(Golden.bytes(Golden.STRUCTURE), 1);

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(cut));

        assertEquals("Structure truncated (1 bytes): the length of head at byte offset 0 is cut off", e.getMessage());
    }

    @Test
    void anElementWhoseOwnFieldsAreCutShortIsReported() {
        ByteString person = Element.of(Golden.person(), registry).toProto().toByteString();
        ByteString shortElement = person.substring(0, person.size() - 3);
        ByteString bytes = Golden.byteString("12").concat(ByteString.copyFrom(new byte[] {(byte) shortElement.size()}))
                .concat(shortElement);

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(bytes));

        assertTrue(e.getMessage().startsWith("items[0] at byte offset 0 (" + shortElement.size()
                + " bytes) is not a valid StructureElement: "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void anElementWithoutValueIsReportedNamingTheMissingField() {
        Element person = Element.of(Golden.person(), registry);
        StructureElement partial = person.toProto().toBuilder().clearValue().buildPartial();
        ByteString bytes = Structure.newBuilder().addItems(partial).buildPartial().toByteString();

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(bytes));

        assertTrue(e.getMessage().startsWith("items[0] at byte offset 0"), e.getMessage());
        assertTrue(e.getMessage().contains("missing required fields: value"), e.getMessage());
    }

    @Test
    void aKeyOfTheWrongLengthIsReported() {
        StructureElement element = Element.of(Golden.person(), registry).toProto().toBuilder()
                .setKey(ByteString.copyFrom(new byte[19])).build();
        ByteString bytes = Structure.newBuilder().addItems(element).build().toByteString();

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(bytes));

        assertEquals("items[0] at byte offset 0: the key has 19 bytes, not 20", e.getMessage());
    }

    @Test
    void aValueThatIsNotItsTypeIsReported() {
        ByteString value = Golden.byteString("FF");
        TypeId person = TypeId.of(20001);
        Element element = new Element(Keys.of(value, person), person, true, value);
        ByteString bytes = codec.packList(List.of(element));

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(bytes));

        assertTrue(e.getMessage().startsWith("items[0] (key " + element.key()
                + "): value (1 bytes) is not a valid ion.object.Person (type 20001/v1): "), e.getMessage());
    }

    @Test
    void aLinkDeclaringAnotherTypeThanItsTargetIsReported() {
        Element person = Element.of(Golden.person(), registry);
        IonMsg message = Golden.message(person).toBuilder()
                .setMessageObject(person.link().toBuilder().setType(TypeId.of(20003).toGpbType())).build();
        Element head = Element.of(message, registry);
        ByteString bytes = codec.pack(head, List.of(person));

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(bytes));

        assertEquals("head (key " + head.key() + "): the link to " + Golden.PERSON_KEY
                + " declares type 20003/v1 but that element has type 20001/v1", e.getMessage());
    }

    @Test
    void anElementFieldOfTheWrongWireTypeIsReported() {
        MalformedStructureException e = assertThrows(MalformedStructureException.class,
                () -> codec.unpack(Golden.bytes("0801")));

        assertEquals("Structure (2 bytes): head at byte offset 0 has wire type 0, not an embedded message",
                e.getMessage());
    }

    @Test
    void aSecondHeadIsReported() {
        byte[] golden = Golden.bytes(Golden.STRUCTURE);
        ByteString head = ByteString.copyFrom(golden, 0, ITEM_OFFSET);
        ByteString twice = head.concat(head);

        MalformedStructureException e = assertThrows(MalformedStructureException.class, () -> codec.unpack(twice));

        assertEquals("Structure (168 bytes): a second head at byte offset 84", e.getMessage());
    }

    @Test
    void aHeadlessListUnpacksToItsItems() {
        Element person = Element.of(Golden.person(), registry);

        Unpacked unpacked = codec.unpack(codec.packList(List.of(person)));

        assertTrue(unpacked.head().isEmpty());
        assertEquals(person, unpacked.items().get(person.key()));
        assertEquals("David", ((Person) unpacked.object(person.key()).orElseThrow()).getName());
    }
}
