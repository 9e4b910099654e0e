package ion.services.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessStartException;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.core.testing.Await;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.pubsub.Subscription;
import ion.services.registry.AssociationService;
import ion.services.registry.ResourceRegistryService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The R1 consumer cases, on one transport; a subclass per transport runs them. */
abstract class ConsumerConformance {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<DataMessage> recorded = new CopyOnWriteArrayList<>();
    private String sysname;
    private String run;
    private Container container;
    private Process client;

    abstract TransportFactory transports();

    @BeforeEach
    void start() {
        run = UUID.randomUUID().toString().substring(0, 8);
        sysname = "cons-" + run;
        container = Container.start(ContainerOptions.defaults().withSysname(sysname).withTransport(transports()));
        client = container.newClient("client");
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void oneMessageInIsReceivedOnceAndSentOnce() {
        recorder("out");
        ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("attach", "in",
                "delivery_queues", Map.of("queues", "out")));

        publish("in", DataMessage.of("hello"));

        ConsumerClient counts = new ConsumerClient(client, forwarder);
        await(() -> recorded.size() == 1, "the forwarded message");
        assertEquals(new ConsumerClient.MessageCounts(Map.of("in", 1L), Map.of("out", 1L)), counts.messageCounts());
        assertEquals(Optional.of("hello"), recorded.get(0).data());
    }

    @Test
    void twoStageForwardingChainDeliversToTheSecondStageWhichSendsNothing() {
        Map<String, Object> workflow = Map.of(
                "first", Map.of("type", ForwardingConsumer.TYPE, "attach", "chain-in"),
                "second", Map.of("type", ForwardingConsumer.TYPE, "attach", List.of(List.of("first", "queues"))));
        ProcessId chain = spawn(new ConsumerChain(), Map.of("workflow", workflow, "prefix", "chain"));
        Map<?, ?> consumers = client.rpc(chain.toString(), "get_consumers", null).contentAs(Map.class);
        ConsumerClient first = new ConsumerClient(client, ProcessId.parse((String) consumers.get("first")));
        ConsumerClient second = new ConsumerClient(client, ProcessId.parse((String) consumers.get("second")));
        String intermediate = sysname + ".chain.first.queues";

        publish("chain-in", DataMessage.of(42L));

        await(() -> second.messageCounts().receivedFrom(intermediate) == 1, "the second stage receives");
        assertEquals(new ConsumerClient.MessageCounts(Map.of(intermediate, 1L), Map.of()), second.messageCounts());
        assertEquals(new ConsumerClient.MessageCounts(Map.of("chain-in", 1L), Map.of(intermediate, 1L)),
                first.messageCounts());
        assertEquals(Map.of("queues", intermediate), first.deliveryQueues());
    }

    @Test
    void oneConsumerAttachedToTwoQueuesCountsEach() {
        ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("attach", List.of("left", "right")));
        ConsumerClient consumer = new ConsumerClient(client, forwarder);

        publish("left", DataMessage.of("l"));
        publish("right", DataMessage.of("r1"));
        publish("right", DataMessage.of("r2"));

        await(() -> consumer.messageCounts().received().values().stream().mapToLong(Long::longValue).sum() == 3,
                "three messages");
        assertEquals(Map.of("left", 1L, "right", 2L), consumer.messageCounts().received());
    }

    @Test
    void consumerAttachesToATopicPatternOfAnotherExchange() {
        String exchange = sysname + ".science";
        container.transport().declareExchange(exchange, false, false);
        try {
            ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("attach",
                    Map.of("exchange", exchange, "topic", "ctd.#")));
            ConsumerClient consumer = new ConsumerClient(client, forwarder);

            client.publish(exchange, "ctd.temperature", ConsumerProcess.DATA_OP, DataMessage.of(12L).toContent(),
                    Map.of());
            client.publish(exchange, "adcp.velocity", ConsumerProcess.DATA_OP, DataMessage.of(3L).toContent(),
                    Map.of());
            client.publish(exchange, "ctd.salinity", ConsumerProcess.DATA_OP, DataMessage.of(35L).toContent(),
                    Map.of());

            await(() -> consumer.messageCounts().receivedFrom("ctd.#@" + exchange) == 2, "the two ctd messages");
            ReceivedError missing = assertThrows(ReceivedError.class, () -> consumer.attach(List.of()));
            assertEquals(ResponseCodes.BAD_REQUEST, missing.responseCode());
            ReceivedError unknown = assertThrows(ReceivedError.class, () -> client.rpc(forwarder.toString(),
                    "attach", Map.of("queues", Map.of("exchange", sysname + ".nowhere", "topic", "x"))));
            assertEquals(ResponseCodes.BAD_REQUEST, unknown.responseCode());
            assertTrue(unknown.exceptionText().contains(sysname + ".nowhere"), unknown.exceptionText());
            assertEquals(Map.of("ctd.#@" + exchange, 2L), consumer.messageCounts().received());
        } finally {
            container.transport().deleteExchange(exchange);
        }
    }

    @Test
    void forwardingConsumerConsumesADurablePubsubSubscriptionAsTheServiceDeclaredIt() {
        container.spawn(new ResourceRegistryService());
        container.spawn(new AssociationService());
        container.spawn(new PubsubService());
        PubsubClient pubsub = new PubsubClient(client);
        pubsub.declareExchangePoint("science_data");
        pubsub.declareTopic("science_data", "ocean.ctd");
        // A length limit makes the queue's arguments differ from a consumer's own queues: a redeclaration with
        // other settings would be refused by RabbitMQ.
        Subscription archive = pubsub.subscribeDurable("science_data", "archive-" + run, "ocean.#", 1_000,
                QueueSpec.Overflow.DROP_HEAD);
        try {
            Publisher publisher = new Publisher(client, pubsub.definePublisher("science_data", "ctd",
                    List.of("ocean.ctd"), "").id());
            recorder("out");
            ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("attach",
                    Map.of("subscription", archive.id()), "delivery_queues", Map.of("queues", "out")));
            ConsumerClient consumer = new ConsumerClient(client, forwarder);

            for (int i = 0; i < 5; i++) {
                publisher.publish("ocean.ctd", "sample " + i);
            }

            await(() -> recorded.size() == 5, "the five forwarded samples");
            assertEquals(new ConsumerClient.MessageCounts(Map.of(archive.id(), 5L), Map.of("out", 5L)),
                    consumer.messageCounts());
            assertEquals(Optional.of("sample 0"), recorded.get(0).data());

            container.processes().terminate(forwarder);
            publisher.publish("ocean.ctd", "while no consumer is attached");
            await(() -> container.transport().messageCount(archive.queue()) == 1, "the sample kept in the queue");
            ProcessId second = spawn(new ForwardingConsumer(), Map.of("attach",
                    Map.of("subscription", archive.queue())));
            await(() -> new ConsumerClient(client, second).messageCounts().receivedFrom(archive.queue()) == 1,
                    "the kept sample, by the subscription's queue name");
            ReceivedError unknown = assertThrows(ReceivedError.class, () -> client.rpc(second.toString(), "attach",
                    Map.of("queues", Map.of("subscription", "no-such-subscription"))));
            assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, unknown.responseCode());
            assertTrue(unknown.exceptionText().contains("no-such-subscription"), unknown.exceptionText());
        } finally {
            pubsub.unsubscribe(archive.id());
            container.transport().deleteExchange(sysname + ".science_data");
        }
    }

    @Test
    void attachAtRuntimeAddsAQueue() {
        ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of());
        ConsumerClient consumer = new ConsumerClient(client, forwarder);

        assertEquals(List.of("late"), consumer.attach(List.of("late")));
        publish("late", DataMessage.of("x"));

        await(() -> consumer.messageCounts().receivedFrom("late") == 1, "the message on the attached queue");
    }

    @Test
    void digestWithLatestConsumerTurnsFourMessagesIntoOnePerInterval() throws InterruptedException {
        recorder("digest-out");
        ProcessId latest = spawn(new LatestConsumer(), Map.of("attach", "digest-in", "delivery_interval", 2.0,
                "delivery_queues", Map.of("out", "digest-out")));
        ConsumerClient consumer = new ConsumerClient(client, latest);
        publish("digest-in", DataMessage.of(0L));
        await(() -> recorded.size() == 1, "the primer, delivered at an interval's end");

        for (long i = 1; i <= 4; i++) {
            publish("digest-in", DataMessage.of(i));
        }

        await(() -> recorded.size() == 2, "the digest of the four messages");
        assertEquals(Optional.of(4L), recorded.get(1).data());
        assertEquals(new ConsumerClient.MessageCounts(Map.of("digest-in", 5L), Map.of("digest-out", 2L)),
                consumer.messageCounts());
        Thread.sleep(2500);
        assertEquals(2, recorded.size(), "an interval without messages delivers nothing");
    }

    @Test
    void messageCountConsumerDeliversACountPerInterval() {
        recorder("count-out");
        spawn(new MessageCountConsumer(), Map.of("attach", "count-in", "delivery_interval", 1.0,
                "delivery_queues", Map.of("out", "count-out")));

        publish("count-in", DataMessage.of("a"));
        publish("count-in", DataMessage.of("b"));
        publish("count-in", DataMessage.of("c"));

        await(() -> recorded.stream().anyMatch(m -> total(m) == 3), "a summary counting the three messages");
        long counted = recorded.stream().mapToLong(m -> ((Number) summary(m).get("interval_count")).longValue())
                .sum();
        assertEquals(3, counted);
    }

    @Test
    void loggingConsumerTakesStringsMapsAndEmptyMessagesAndSendsNothing() {
        ProcessId logger = spawn(new LoggingConsumer(), Map.of("attach", "log-in",
                "delivery_queues", Map.of("out", "log-out")));
        ConsumerClient consumer = new ConsumerClient(client, logger);

        publish("log-in", DataMessage.of("text"));
        publish("log-in", DataMessage.of(Map.of("temperature", 12L)));
        client.send(sysname + ".log-in", ConsumerProcess.DATA_OP, null);

        await(() -> consumer.messageCounts().receivedFrom("log-in") == 3, "three logged messages");
        assertEquals(Map.of(), consumer.messageCounts().sent());
    }

    @Test
    void attachWithNoQueuesIsABadRequestAndTheConsumerKeepsRunning() {
        ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("attach", "idle"));

        ReceivedError missing = assertThrows(ReceivedError.class,
                () -> client.rpc(forwarder.toString(), "attach", Map.of()));
        ReceivedError empty = assertThrows(ReceivedError.class,
                () -> client.rpc(forwarder.toString(), "attach", Map.of("queues", List.of())));

        assertEquals(ResponseCodes.BAD_REQUEST, missing.responseCode());
        assertTrue(missing.exceptionText().contains("'queues'"), missing.exceptionText());
        assertEquals(ResponseCodes.BAD_REQUEST, empty.responseCode());
        assertTrue(empty.exceptionText().contains("'queues'"), empty.exceptionText());
        assertEquals(Map.of(), new ConsumerClient(client, forwarder).messageCounts().received());
    }

    @Test
    void parametersMergeAndDeliveryQueuesAreKeptApart() {
        ProcessId forwarder = spawn(new ForwardingConsumer(), Map.of("process_parameters", Map.of("a", 1L)));
        ConsumerClient consumer = new ConsumerClient(client, forwarder);

        consumer.setProcessParameters(Map.of("b", "two"));
        consumer.setDeliveryQueues(Map.of("queues", "elsewhere"));

        assertEquals(Map.of("a", 1L, "b", "two"), consumer.processParameters());
        assertEquals(Map.of("queues", "elsewhere"), consumer.deliveryQueues());
        ReceivedError bad = assertThrows(ReceivedError.class,
                () -> client.rpc(forwarder.toString(), "set_delivery_queues", Map.of("queues", 5L)));
        assertEquals(ResponseCodes.BAD_REQUEST, bad.responseCode());
    }

    @Test
    void badSpawnArgumentsFailTheSpawnNamingTheArgument() {
        ProcessStartException e = assertThrows(ProcessStartException.class,
                () -> spawn(new ForwardingConsumer(), Map.of("delivery_interval", "often")));
        assertTrue(String.valueOf(e.getCause()).contains("delivery_interval"), String.valueOf(e.getCause()));
        assertThrows(ProcessStartException.class, () -> spawn(new MessageCountConsumer(), Map.of("attach", "x")));
    }

    private static long total(DataMessage m) {
        return ((Number) summary(m).get("total")).longValue();
    }

    private static Map<?, ?> summary(DataMessage m) {
        return (Map<?, ?>) m.data().orElseThrow();
    }

    private void recorder(String queue) {
        spawn(new Recorder(recorded), Map.of("attach", queue));
    }

    private ProcessId spawn(Process process, Map<String, Object> args) {
        return container.processes().spawn(process, SpawnOptions.defaults().withArgs(args));
    }

    private void publish(String queue, DataMessage message) {
        client.send(sysname + "." + queue, ConsumerProcess.DATA_OP, message.toContent());
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, PATIENCE, condition);
    }

    /** A consumer that records what it receives. */
    static final class Recorder extends ConsumerProcess {
        private final List<DataMessage> seen;

        Recorder(List<DataMessage> seen) {
            this.seen = seen;
        }

        @Override
        protected void onData(DataMessage message, String queue) {
            seen.add(message);
        }
    }
}
