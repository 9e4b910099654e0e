package ion.services.hello;

import ion.core.process.Process;
import ion.core.service.ServiceClient;
import ion.object.messaging.ObjectMessage;
import ion.object.proto.Person;

/** Calls the {@code hello_message} service of the caller's system. */
public class HelloMessageClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public HelloMessageClient(Process caller) {
        super(caller, HelloMessageService.NAME);
    }

    /** Sends a request (an IonMsg linking to a Person) to {@code hello_person} and returns the whole answer. */
    public ObjectMessage helloPerson(ObjectMessage request) {
        return rpc("hello_person", request).contentAs(ObjectMessage.class);
    }

    /** Sends {@code person} (as an IonMsg linking to it) and returns the person answered. */
    public Person helloPerson(Person person) {
        return helloPerson(ObjectMessage.of(person)).payloadAs(Person.class);
    }
}
