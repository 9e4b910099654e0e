package ion.services.hello;

import ion.core.messaging.WrongContentTypeException;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;
import ion.object.TypeId;
import ion.object.messaging.ObjectMessage;
import ion.object.proto.Person;

/**
 * The typed-message example of R1's play directory: a service named {@code hello_message} whose operation
 * {@code hello_person} takes a {@code Person} (type 20001) as the payload of an {@code IonMsg} and answers a
 * {@code Person}: the same person (id, email and phones unchanged) with {@code Hello } put before the name, as an
 * {@code IonMsg} head linking to it. The {@code gpb} interceptor turns the {@code ION R1 GPB} content into an
 * {@link ObjectMessage} and back; a request whose payload is no {@code Person} gets a Bad Request reply.
 */
public class HelloMessageService extends ServiceProcess {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "hello_message";
    /** The type id of the payload {@code hello_person} takes and answers. */
    public static final TypeId PERSON_TYPE = TypeId.of(20001);

    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    /**
     * Greets the person the request carries.
     *
     * @throws WrongContentTypeException if the head is not an {@code IonMsg} linking to a {@code Person}
     */
    @Op("hello_person")
    public ObjectMessage helloPerson(ObjectMessage request) {
        Person person;
        try {
            person = request.payloadAs(Person.class);
        } catch (IllegalArgumentException e) {
            throw new WrongContentTypeException("hello_person takes an IonMsg linking to a Person (type "
                    + PERSON_TYPE + "): " + e.getMessage());
        }
        return ObjectMessage.of(greet(person));
    }

    /** The answer to {@code person}: the same person with {@code Hello } before the name. */
    public static Person greet(Person person) {
        return person.toBuilder().setName("Hello " + person.getName()).build();
    }
}
