package ion.services.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.ProcessTypes;
import org.junit.jupiter.api.Test;

class HelloServiceTest {
    @Test
    void helloAnswersWithAGreetingInTheJvm() {
        ContainerOptions options = ContainerOptions.defaults().withTransport(new LocalBroker("hello-test")::connect);
        try (Container c = Container.start(options)) {
            c.spawn(new HelloService());

            String greeting = new HelloServiceClient(c.newClient("client")).hello("World");

            assertEquals("Hello there, World", greeting);
        }
    }

    @Test
    void helloIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find("hello").isPresent());
        ContainerOptions options = ContainerOptions.defaults().withTransport(new LocalBroker("hello-by-name")::connect)
                .withSysname("named");
        try (Container c = Container.start(options)) {
            c.spawn("hello");
            assertEquals("Hello there, you", new HelloServiceClient(c.newClient("client")).hello("you"));
        }
    }
}
