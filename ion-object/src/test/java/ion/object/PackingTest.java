package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import ion.object.proto.AddressLink;
import ion.object.proto.CommitRef;
import ion.object.proto.IonMsg;
import ion.object.proto.ParentRef;
import ion.object.proto.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackingTest {

    private final TypeRegistry registry = TypeRegistry.standard();
    private final StructureCodec codec = new StructureCodec(registry);

    @Test
    void aGraphIsPackedBreadthFirstInFieldOrderEachElementOnce() {
        Element older = Element.of(Person.newBuilder().setName("older").build(), registry);
        Element newer = Element.of(Person.newBuilder().setName("newer").build(), registry);
        Element parent = Element.of(commit("first", older, List.of()), registry);
        Element head = Element.of(commit("second", newer, List.of(parent)), registry);

        Unpacked unpacked = codec.unpack(codec.packGraph(head, List.of(older, newer, parent)));

        assertEquals(List.of(parent, newer, older), List.copyOf(unpacked.items().values()));
        assertEquals(head, unpacked.head().orElseThrow());
    }

    @Test
    void aTargetLinkedTwiceIsPackedOnce() {
        Element owner = Element.of(Person.newBuilder().setName("owner").build(), registry);
        Element other = Element.of(Person.newBuilder().setName("other").build(), registry);
        AddressLink book = AddressLink.newBuilder()
                .addPerson(owner.link())
                .addPerson(other.link())
                .setOwner(owner.link())
                .build();
        Element head = Element.of(book, registry);

        Unpacked unpacked = codec.unpack(codec.packGraph(head, List.of(other, owner)));

        assertEquals(List.of(owner, other), List.copyOf(unpacked.items().values()));
    }

    @Test
    void packingTheSameObjectsTwiceGivesTheSameBytes() {
        Element person = Element.of(Golden.person(), registry);
        Element head = Element.of(Golden.message(person), registry);

        assertEquals(codec.packGraph(head, List.of(person)),
                codec.packGraph(Element.of(Golden.message(person), registry), List.of(person)));
    }

    @Test
    void unknownTopLevelFieldsOfAStructureAreSkipped() {
        ByteString withExtra = Golden.byteString("1801").concat(Golden.byteString(Golden.STRUCTURE));

        Unpacked unpacked = codec.unpack(withExtra);

        assertEquals(Golden.HEAD_KEY, unpacked.head().orElseThrow().key().toString());
    }

    @Test
    void theReadmeExampleRoundTrips() {
        TypeRegistry types = TypeRegistry.standard();
        Element person = Element.of(Person.newBuilder().setName("David").build(), types);
        Element head = Element.of(IonMsg.newBuilder().setName("hello").setMessageObject(person.link()).build(),
                types);
        ByteString content = StructureCodec.standard().packGraph(head, List.of(person));
        Unpacked received = StructureCodec.standard().unpack(content);
        Person david = received.resolve(received.headObject(IonMsg.class).getMessageObject(), Person.class);

        assertEquals("David", david.getName());
    }

    private static CommitRef commit(String comment, Element root, List<Element> parents) {
        CommitRef.Builder commit = CommitRef.newBuilder().setComment(comment).setDate(1.0).setObjectroot(root.link());
        for (Element parent : parents) {
            commit.addParentrefs(ParentRef.newBuilder()
                    .setRelationship(ParentRef.Relationship.Parent)
                    .setCommitref(parent.link()));
        }
        return commit.build();
    }
}
