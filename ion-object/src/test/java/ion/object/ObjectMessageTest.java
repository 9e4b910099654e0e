package ion.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ion.object.messaging.ObjectMessage;
import ion.object.proto.CASRef;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectMessageTest {
    private final TypeRegistry types = TypeRegistry.standard();

    @Test
    void ofWrapsThePayloadLikeR1sMessageInstance() {
        ObjectMessage message = ObjectMessage.of(Golden.person());

        IonMsg head = message.headAs(IonMsg.class);
        assertEquals("Person", head.getName());
        assertEquals(Golden.PERSON_KEY, head.getIdentity());
        assertEquals(TypeId.of(20001), TypeId.of(head.getType()));
        assertEquals(Golden.person(), message.payload());
        assertEquals(List.of(message.head(), Element.of(Golden.person(), types)), message.elements());
        assertFalse(message.isReceived());
        assertEquals(Golden.person(), StructureCodec.standard().unpack(message.toBytes())
                .resolve(head.getMessageObject(), Person.class));
    }

    @Test
    void aStructureWhoseLinksDoNotResolveIsNotMade() {
        Element person = Element.of(Golden.person(), types);
        assertThrows(DanglingReferenceException.class,
                () -> ObjectMessage.structure(Golden.message(person), List.of(), types));
    }

    @Test
    void linksOutsideTheStructureAndHeadsThatAreNoIonMsgAreRefused() {
        ObjectMessage message = ObjectMessage.of(Golden.person());
        CASRef elsewhere = Element.of(Person.newBuilder().setName("Eve").build(), types).link();
        ObjectMessage plain = ObjectMessage.structure(Golden.person(), List.of(), types);

        assertThrows(DanglingReferenceException.class, () -> message.resolve(elsewhere, Person.class));
        assertThrows(IllegalArgumentException.class, () -> message.payloadAs(IonMsg.class));
        assertThrows(IllegalArgumentException.class, plain::payload);
        assertEquals(java.util.Optional.empty(), plain.payloadType());
    }
}
