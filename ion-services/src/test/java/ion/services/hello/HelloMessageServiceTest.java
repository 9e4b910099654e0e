package ion.services.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.intercept.Interceptors;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Process;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.object.TypeId;
import ion.object.messaging.ObjectMessage;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelloMessageServiceTest {
    private static final Person DAVID = Person.newBuilder().setName("David").setId(5).setEmail("d@x")
            .addPhone(Person.PhoneNumber.newBuilder().setNumber("123").setType(Person.PhoneType.WORK)).build();

    private static ContainerOptions options(String broker) {
        return ContainerOptions.defaults().withTransport(new LocalBroker(broker)::connect)
                .withInterceptors(Interceptors.chain(List.of("envelope", "gpb", "metrics")));
    }

    @Test
    void helloPersonAnswersThePersonGreetedAsAnIonMsgLinkingToIt() {
        try (Container c = Container.start(options("hello-message-test"))) {
            c.spawn(new HelloMessageService());

            ObjectMessage answer = new HelloMessageClient(c.newClient("client")).helloPerson(ObjectMessage.of(DAVID));

            assertEquals(TypeId.of(11), answer.head().type());
            IonMsg head = answer.headAs(IonMsg.class);
            assertEquals(HelloMessageService.PERSON_TYPE, TypeId.of(head.getMessageObject().getType()));
            Person greeted = answer.payloadAs(Person.class);
            assertEquals("Hello David", greeted.getName());
            assertEquals(DAVID.toBuilder().setName("Hello David").build(), greeted);
            assertTrue(answer.isReceived());
        }
    }

    @Test
    void aPayloadThatIsNoPersonOrContentThatIsNoStructureGetsABadRequestReply() {
        try (Container c = Container.start(options("hello-message-bad"))) {
            c.spawn(new HelloMessageService());
            Process client = c.newClient("client");
            String target = new HelloMessageClient(client).target();

            ReceivedError wrongType = assertThrows(ReceivedError.class, () -> client.rpc(target,
                    "hello_person", ObjectMessage.of(IonMsg.newBuilder().setName("no person").build())));
            ReceivedError text = assertThrows(ReceivedError.class,
                    () -> client.rpc(target, "hello_person", "David"));

            assertEquals(ResponseCodes.BAD_REQUEST, wrongType.responseCode());
            assertTrue(wrongType.exceptionText().contains("Person"), wrongType.exceptionText());
            assertEquals(ResponseCodes.BAD_REQUEST, text.responseCode());
            assertEquals("Hello Eve", new HelloMessageClient(client).helloPerson(Person.newBuilder().setName("Eve")
                    .build()).getName());
        }
    }

    @Test
    void helloMessageIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(HelloMessageService.NAME).isPresent());
    }
}
