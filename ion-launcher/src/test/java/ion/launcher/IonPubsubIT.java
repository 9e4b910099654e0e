package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static ion.launcher.ScriptProcess.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.testing.RequiresBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ion-pubsub} as its own OS process, through RabbitMQ, against the pubsub service of a {@code bin/ion-cc}
 * container.
 */
@ExtendWith(RequiresBrokerExtension.class)
class IonPubsubIT {
    private final String sysname = ScriptProcess.uniqueSysname();
    private final List<ScriptProcess> started = new ArrayList<>();

    @AfterEach
    void stopScripts() {
        started.forEach(ScriptProcess::close);
    }

    private ScriptProcess script(String name, String... args) throws java.io.IOException {
        List<String> all = new ArrayList<>(List.of("-h", RequiresBrokerExtension.brokerHost(), "-p",
                Integer.toString(RequiresBrokerExtension.brokerPort()), "-a", "sysname=" + sysname));
        all.addAll(List.of(args));
        ScriptProcess p = ScriptProcess.start(name, all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    @Test
    void ionPubsubPublishesTailsAndListsSubscriptionsOfARunningContainer(@TempDir Path dir) throws Exception {
        Path setup = dir.resolve("setup.jsh");
        Files.writeString(setup, """
                var pubsub = new PubsubClient(shell());
                pubsub.declareExchangePoint("science_data");
                pubsub.declareTopic("science_data", "ocean.ctd");
                System.out.println("archive queue: " + pubsub.subscribeDurable("science_data", "archive", "ocean.#")
                        .queue());
                """);
        ScriptProcess cc = script("ion-cc", "-n", "--spawn", "resource_registry", "--spawn", "association",
                "--spawn", "pubsub", setup.toString());
        String archiveQueue = cc.awaitValue("archive queue:", START);
        try {
            cc.awaitLine("running; stop with SIGTERM", START);

            ScriptProcess tail = script("ion-pubsub", "tail", "science_data", "ocean.#", "--count", "2", "--for",
                    "60s");
            ScriptProcess unknown = script("ion-pubsub", "publish", "science_data", "ocean.nowhere", "x");
            tail.awaitErrorLineContaining("tailing ocean.# on science_data", START);
            ScriptProcess text = script("ion-pubsub", "publish", "science_data", "ocean.ctd", "hello there");
            assertEquals(0, text.awaitExit(FINISH), text.report());
            ScriptProcess map = script("ion-pubsub", "publish", "science_data", "ocean.ctd", "--map",
                    "temperature=21.5");
            assertEquals(0, map.awaitExit(FINISH), map.report());

            assertEquals(0, tail.awaitExit(FINISH), tail.report());
            assertEquals("[ocean.ctd] hello there\n[ocean.ctd] {temperature=21.5}\n", tail.stdout(), tail.report());
            assertEquals(1, unknown.awaitExit(FINISH), unknown.report());
            assertTrue(unknown.stderr().startsWith("ion-pubsub: unknown topic 'ocean.nowhere' on exchange point"
                    + " 'science_data'"), unknown.report());

            ScriptProcess subs = script("ion-pubsub", "subs", "science_data", "--rate-window", "0.5s");
            assertEquals(0, subs.awaitExit(FINISH), subs.report());
            assertTrue(Pattern.compile("^\\S+ +archive +ocean\\.# +durable +" + Pattern.quote(archiveQueue)
                    + " +2 +- +[0-9.]+ +[0-9.]+$", Pattern.MULTILINE).matcher(subs.stdout()).find(), subs.report());
            assertTrue(!subs.stdout().contains("transient"), "the tail's subscription is gone; " + subs.report());
        } finally {
            cc.terminate();
            deleteFromBroker(archiveQueue, sysname + ".science_data");
        }
    }

    /** The durable queue and exchange outlive the container: remove them so that the broker stays clean. */
    private static void deleteFromBroker(String queue, String exchange) {
        AmqpSettings broker = AmqpSettings.defaults()
                .withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        try (Container c = Container.start(ContainerOptions.defaults()
                .withSysname(ScriptProcess.uniqueSysname())
                .withTransport(max -> AmqpTransport.connect(broker.withMaxMessageSize(max))))) {
            c.transport().deleteQueue(queue);
            c.transport().deleteExchange(exchange);
        }
    }
}
