package ion.launcher;

import static ion.launcher.IonCcTest.print;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.process.ProcessId;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.pubsub.Subscriber;
import ion.services.pubsub.Subscription;
import ion.services.registry.AssociationService;
import ion.services.registry.ResourceRegistryService;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ion-pubsub} against a running pubsub service in another container of the same JVM, on the in-JVM broker
 * (the command line selects it with {@code -a messaging.transport=local}).
 */
class IonPubsubTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String sysname = "pubsub-cli-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Container system;
    private PubsubClient pubsub;
    private Publisher publisher;
    private Subscription archive;

    @BeforeEach
    void startSystem() {
        system = Container.start(ContainerOptions.defaults().withSysname(sysname));
        system.spawn(new ResourceRegistryService());
        system.spawn(new AssociationService());
        system.spawn(new PubsubService());
        pubsub = new PubsubClient(system.newClient("setup"));
        pubsub.declareExchangePoint("science_data");
        pubsub.declareTopic("science_data", "ocean.ctd");
        pubsub.declareTopic("science_data", "ocean.adcp");
        pubsub.declareTopic("science_data", "air.wind");
        publisher = new Publisher(system.newClient("instrument"), pubsub.definePublisher("science_data", "ctd",
                List.of("ocean.ctd", "air.wind"), "").id());
        archive = pubsub.subscribeDurable("science_data", "archive", "ocean.#");
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }

    private int run(String... command) {
        String[] argv = new String[command.length + 2];
        argv[0] = "-a";
        argv[1] = "messaging.transport=local,sysname=" + sysname + ",process.rpc-timeout=5s";
        System.arraycopy(command, 0, argv, 2, command.length);
        return IonPubsub.run(argv, print(out), print(err));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void xpsListsTheExchangePointsWithTheirTopicsPublishersAndSubscriptions() {
        assertEquals(0, run("xps"), err());

        assertHasLine(out(), "^EXCHANGE POINT +SPACE +EXCHANGE +TOPICS +PUBLISHERS +SUBSCRIPTIONS$");
        assertHasLine(out(), "^science_data +swapmeet +" + Pattern.quote(sysname) + "\\.science_data +3 +1 +1$");
    }

    @Test
    void topicsListsTheTopicsMatchingAPattern() {
        assertEquals(0, run("topics", "science_data", "ocean.*"), err());

        assertHasLine(out(), "^TOPIC +PUBLISHERS +SUBSCRIPTIONS$");
        assertHasLine(out(), "^ocean\\.adcp +0 +1$");
        assertHasLine(out(), "^ocean\\.ctd +1 +1$");
        assertTrue(!out().contains("air.wind"), out());
    }

    @Test
    void anUnknownExchangePointIsAMessageNamingItAndExitStatusOne() {
        assertEquals(1, run("topics", "no_such_point"));

        assertEquals("", out());
        assertTrue(err().startsWith("ion-pubsub: unknown exchange point 'no_such_point'"), err());
    }

    @Test
    void subsShowsTheMessagesWaitingAndTheRatesInAndOutOfEachSubscription() throws Exception {
        Subscription live = pubsub.subscribeDurable("science_data", "live", "ocean.ctd");
        ProcessId consumer = system.processes().spawn(new Collector(live, received));
        publisher.publish("ocean.ctd", "before");
        await(() -> received.size() == 1, "the live subscriber's first message");
        AtomicBoolean publishing = new AtomicBoolean(true);
        CompletableFuture<Void> instrument = CompletableFuture.runAsync(() -> {
            while (publishing.get()) {
                publisher.publish("ocean.ctd", "sample");
                publisher.publish("air.wind", "gust");
                sleep(5);
            }
        });
        try {
            assertEquals(0, run("subs", "science_data", "--rate-window", "1s"), err());
        } finally {
            publishing.set(false);
            instrument.get(10, TimeUnit.SECONDS);
            system.processes().terminate(consumer);
        }

        assertHasLine(out(), "^ID +NAME +PATTERN +KIND +QUEUE +WAITING +LIMIT +IN/S +OUT/S$");
        double[] kept = rates(out(), "archive");
        double[] consumed = rates(out(), "live");
        assertTrue(kept[0] > 0 && consumed[0] > 0, out());
        // Nobody consumes the archive, so what flows in stays: it waits; the live one is consumed as it arrives.
        assertTrue(kept[1] < kept[0] / 2, out());
        assertTrue(consumed[1] > consumed[0] / 2, out());
        assertHasLine(out(), "^" + archive.id() + " +archive +ocean\\.# +durable +" + Pattern.quote(archive.queue())
                + " +[1-9][0-9]* +- ");
        assertTrue(out().contains("IN/S: messages per second published to the pattern over 1 s"), out());
    }

    @Test
    void subsWithAZeroWindowListsWithoutRates() {
        publisher.publish("ocean.ctd", "one");

        assertEquals(0, run("subs", "science_data", "--rate-window", "0"), err());

        assertHasLine(out(), "^ID +NAME +PATTERN +KIND +QUEUE +WAITING +LIMIT$");
        assertHasLine(out(), "^" + archive.id() + " +archive +ocean\\.# +durable +\\S+ +1 +-$");
    }

    @Test
    void publishSendsAStringOrAMapAsARegisteredPublisher() throws Exception {
        Subscription watch = pubsub.subscribeTransient("science_data", "ocean.ctd");
        ProcessId collector = system.processes().spawn(new Collector(watch, received));

        assertEquals(0, run("publish", "science_data", "ocean.ctd", "hello there"), err());
        assertEquals(0, run("publish", "science_data", "ocean.ctd", "--map", "temperature=21.5", "depth=10",
                "ok=true", "station=A7"), err());

        await(() -> received.size() == 2, "both published messages");
        assertEquals(List.of("[ocean.ctd] hello there", "[ocean.ctd] {temperature=21.5, depth=10, ok=true,"
                + " station=A7}"), received);
        assertTrue(out().contains("published to ocean.ctd on science_data"), out());
        assertTrue(pubsub.queryPublishers("science_data").stream()
                .anyMatch(p -> p.name().equals(IonPubsub.PUBLISHER_NAME)));
        system.processes().terminate(collector);
    }

    @Test
    void publishingToAnUnknownTopicIsAMessageNamingItAndExitStatusOne() {
        assertEquals(1, run("publish", "science_data", "ocean.nowhere", "x"));

        assertTrue(err().startsWith("ion-pubsub: unknown topic 'ocean.nowhere' on exchange point 'science_data'"),
                err());
    }

    @Test
    void tailPrintsTheMessagesOfMatchingTopicsUntilTheCountAndCancelsItsSubscription() throws Exception {
        CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(
                () -> run("tail", "science_data", "ocean.#", "--count", "2", "--for", "30s"));
        await(() -> pubsub.querySubscribers("science_data").size() == 2, "the tail's subscription");

        publisher.publish("air.wind", "not for the tail");
        publisher.publish("ocean.ctd", "first");
        publisher.publish("ocean.ctd", Map.of("t", 12L));

        assertEquals(0, tail.get(20, TimeUnit.SECONDS), err());
        assertEquals("[ocean.ctd] first\n[ocean.ctd] {t=12}\n", out());
        assertEquals(List.of(archive.id()), pubsub.querySubscribers("science_data").stream()
                .map(Subscription::id).toList());
    }

    @Test
    void tailForADurationEndsWhenItPassesEvenWithoutMessages() {
        assertEquals(0, run("tail", "science_data", "air.*", "--for", "200ms"), err());

        assertEquals("", out());
        assertTrue(err().contains("tailing air.* on science_data for 200 ms"), err());
    }

    @Test
    void aPubsubServiceThatDoesNotAnswerIsATimeoutWithExitStatusTwo() {
        assertEquals(2, run("--pubsub", "no_such_pubsub", "--timeout", "0.5", "xps"));

        assertTrue(err().contains("is the no_such_pubsub service running?"), err());
    }

    @Test
    void anUnreachableBrokerExitsWithTwo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        assertEquals(2, IonPubsub.run(new String[] {"-h", "127.0.0.1", "-p", Integer.toString(closedPort), "-a",
            "sysname=" + sysname, "xps"}, print(out), print(err)));

        assertTrue(err().startsWith("ion-pubsub: "), err());
    }

    @Test
    void usageErrorsExitWithTwoAndAHint() {
        assertEquals(2, IonPubsub.run(new String[] {"frobnicate"}, print(out), print(err)));
        assertEquals(2, IonPubsub.run(new String[] {"subs", "xp", "--rate-window", "fast"}, print(out), print(err)));
        assertEquals(2, IonPubsub.run(new String[] {"publish", "xp", "topic"}, print(out), print(err)));

        assertEquals("", out());
        assertTrue(err().contains("ion-pubsub: unknown command 'frobnicate'; commands: xps, topics, subs, publish,"
                + " tail"), err());
        assertTrue(err().contains("--rate-window needs a duration from 0 to 24h such as 500ms, 2s or 1.5m, not"
                + " 'fast'"), err());
        assertTrue(err().contains("'publish' takes XP TOPIC TEXT"), err());
        assertTrue(err().contains("Run 'ion-pubsub --help' for the commands and options."), err());
    }

    @Test
    void helpListsTheCommandsOptionsAndExitStatuses() {
        assertEquals(0, IonPubsub.run(new String[] {"--help"}, print(out), print(err)));

        for (String expected : List.of("xps ", "topics XP [PATTERN]", "subs XP [--rate-window D]", "IN/S",
                "OUT/S", "publish XP TOPIC TEXT", "--map K=V", "tail XP PATTERN [--count N] [--for D]", "-h, --host",
                "--pubsub NAME", "Exit status: 0 done, 1 ERROR reply")) {
            assertTrue(out().contains(expected), expected + " missing from:\n" + out());
        }
    }

    @Test
    void parseReadsDurationsCountsAndMaps() {
        IonPubsub.Options o = IonPubsub.parse(new String[] {"-h", "broker", "tail", "xp", "a.#", "--count=3",
            "--for", "1.5m"});

        assertEquals(new IonPubsub.Command.Tail("xp", "a.#", java.util.OptionalLong.of(3),
                java.util.Optional.of(Duration.ofSeconds(90))), o.command());
        assertEquals(Duration.ofMillis(500), IonPubsub.duration("--for", "500ms", false));
        assertEquals(Duration.ofSeconds(2), IonPubsub.duration("--for", "2", false));
        assertEquals(Map.of("n", 3L, "x", 1.5, "b", false, "s", "A7"),
                IonPubsub.fields(List.of("n=3", "x=1.5", "b=false", "s=A7")));
        assertThrows(UsageException.class, () -> IonPubsub.duration("--for", "0", false));
        assertThrows(UsageException.class, () -> IonPubsub.parse(new String[] {"xps", "--count", "3"}));
        assertThrows(UsageException.class, () -> IonPubsub.fields(List.of("=3")));
    }

    /** Records {@code [topic] content} of each message of a subscription. */
    private static final class Collector extends Subscriber {
        private final Subscription subscription;
        private final List<String> into;

        Collector(Subscription subscription, List<String> into) {
            this.subscription = subscription;
            this.into = into;
        }

        @Override
        protected void onInit() {
            consume(subscription);
        }

        @Override
        protected void onData(String topic, Message message) {
            into.add("[" + topic + "] " + message.content().map(String::valueOf).orElse(""));
        }
    }

    private static double[] rates(String text, String subscriptionName) {
        Matcher m = Pattern.compile("^\\S+ +" + subscriptionName + " .* ([0-9.]+) +([0-9.]+)$", Pattern.MULTILINE)
                .matcher(text);
        assertTrue(m.find(), "no row of " + subscriptionName + " with rates in:\n" + text);
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + PATIENCE + " waiting for " + what);
            }
            sleep(20);
        }
    }

    private static void assertHasLine(String text, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find(),
                "no line matching " + regex + " in:\n" + text);
    }
}
