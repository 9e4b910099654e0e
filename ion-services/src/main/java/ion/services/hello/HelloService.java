package ion.services.hello;

import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;

/**
 * The learning example: a service named {@code hello} whose operation {@code hello} answers
 * {@code Hello there, <content>}. Spawn it with {@code bin/ion-cc --spawn hello}; call it with
 * {@link HelloServiceClient} or {@code bin/ion-call hello hello World}.
 */
public class HelloService extends ServiceProcess {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "hello";

    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    /** Greets whoever is named in the content. */
    @Op("hello")
    public String hello(String name) {
        return "Hello there, " + name;
    }
}
