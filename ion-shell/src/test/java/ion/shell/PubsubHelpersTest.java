package ion.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.local.LocalBroker;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.registry.AssociationService;
import ion.services.registry.ResourceRegistryService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The data distribution helpers of the shell, driven by piped input. */
class PubsubHelpersTest {
    @Test
    void shellListsThePubsubModelPublishesATestMessageAndTailsATopic() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Container c = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("pubsub-shell-" + UUID.randomUUID())::connect))) {
            c.spawn(new ResourceRegistryService());
            c.spawn(new AssociationService());
            c.spawn(new PubsubService());
            PubsubClient pubsub = new PubsubClient(c.newClient("setup"));
            pubsub.declareExchangePoint("science_data");
            pubsub.declareTopic("science_data", "ocean.ctd.temperature");
            String script = """
                    xps()
                    topics("science_data", "ocean.#")
                    tail("science_data", "ocean.#")
                    publish("science_data", "ocean.ctd.temperature", "21.5")
                    subs("science_data")
                    publish("science_data", "ocean.nowhere", "x")
                    """;

            ContainerShell.run(c, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out, out,
                    Optional.empty());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bytes.toString(StandardCharsets.UTF_8).contains("[ocean.ctd.temperature] 21.5")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[ocean.ctd.temperature] 21.5"), text);
        assertTrue(text.contains("science_data") && text.contains("swapmeet"), text);
        assertTrue(text.contains("transient"), text);
        assertTrue(text.contains("IN/S") && text.contains("OUT/S"), "subs() shows the rates; " + text);
        assertTrue(text.contains("unknown topic 'ocean.nowhere'"), text);
    }
}
