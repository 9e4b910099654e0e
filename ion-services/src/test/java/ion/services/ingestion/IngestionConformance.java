package ion.services.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.event.Event;
import ion.core.event.EventSubscriber;
import ion.core.event.EventType;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.Process;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.core.testing.Await;
import ion.services.datastore.DatastoreClient;
import ion.services.datastore.DatastoreService;
import ion.services.datastore.LogEntry;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PublisherRegistration;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.pubsub.Subscription;
import ion.services.registry.AssociationService;
import ion.services.registry.ResourceRegistryService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingestion service end to end: a Publisher publishes, the ingestion service (in a container of its own, which
 * the tests stop and start) fills a dataset in the datastore (in another container with the registry and pubsub).
 * One subclass per transport.
 */
abstract class IngestionConformance {
    static final String XP = "science_data";
    static final String TOPIC = "ctd.temperature";

    private final String sysname = "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    private final String dataset = "ds-" + UUID.randomUUID().toString().substring(0, 8);
    Container infra;
    Container ingestion;
    Process client;
    PubsubClient pubsub;
    DatastoreClient datastore;
    PublisherRegistration registration;

    @TempDir
    Path ingestionDir;

    /** Opens connections to the broker under test; every call reaches the same broker. */
    abstract TransportFactory transports();

    @BeforeEach
    void start() {
        infra = Container.start(ContainerOptions.defaults().withSysname(sysname).withTransport(transports())
                .withTypes(ProcessTypes.empty()));
        infra.spawn(new ResourceRegistryService());
        infra.spawn(new AssociationService());
        infra.spawn(new PubsubService());
        infra.spawn(new DatastoreService());
        client = infra.newClient("test");
        pubsub = new PubsubClient(client);
        datastore = new DatastoreClient(client);
        pubsub.declareExchangePoint(XP);
        pubsub.declareTopic(XP, TOPIC);
        registration = pubsub.definePublisher(XP, "ctd-1", List.of(TOPIC), "");
    }

    @AfterEach
    void stop() {
        try {
            if (ingestion != null) {
                ingestion.close();
            }
            for (ExchangePoint xp : pubsub.queryExchangePoints("#")) {
                for (Subscription s : pubsub.querySubscribers(xp.name())) {
                    pubsub.unsubscribe(s.id());
                }
                infra.transport().deleteExchange(xp.exchange());
            }
        } finally {
            infra.close();
        }
    }

    IngestionClient startIngestion() {
        ingestion = Container.start(ContainerOptions.defaults().withSysname(sysname).withTransport(transports())
                .withTypes(ProcessTypes.empty()));
        Map<String, Object> args = new HashMap<>();
        args.put("store-dir", ingestionDir.toString());
        ingestion.processes().spawn(new IngestionService(), SpawnOptions.defaults().withArgs(args));
        return new IngestionClient(ingestion.newClient("ingestion-test"));
    }

    void publish(Publisher publisher, long from, long to) {
        for (long i = from; i < to; i++) {
            publisher.publish(TOPIC, i);
        }
    }

    @Test
    void tenThousandSamplesAllReachTheDatasetAcrossARestartOfTheIngestionContainer() {
        IngestionClient ingest = startIngestion();
        ingest.createStream(StreamSpec.of(dataset, XP, "ctd.#").withBatchSize(100)
                .withBatchInterval(Duration.ofSeconds(300)));
        Publisher publisher = new Publisher(client, pubsub, registration.id());

        publish(publisher, 0, 5_050);
        await("50 commits and 50 samples in the open batch", () -> {
            IngestionStream s = ingest.listStreams().getFirst();
            return s.samples() == 5_000 && s.pending() == 50;
        });
        ingestion.close();
        publish(publisher, 5_050, 10_000);
        IngestionClient restarted = startIngestion();

        await("all 10,000 samples committed", () -> restarted.listStreams().getFirst().samples() == 10_000);
        List<IngestedSample> samples = Datasets.samples(datastore.pull(dataset));
        assertEquals(LongStream.range(0, 10_000).boxed().toList(),
                samples.stream().map(s -> s.data().orElseThrow()).toList());
        assertEquals(LongStream.rangeClosed(1, 10_000).boxed().toList(),
                samples.stream().map(IngestedSample::sequence).toList());
        assertEquals(Set.of(publisher.publication()), samples.stream().map(s -> s.publication().orElseThrow())
                .collect(Collectors.toSet()));
        assertEquals(100, datastore.log(dataset).size());
        assertEquals(List.of(dataset), restarted.listStreams().stream().map(s -> s.spec().dataset()).toList());
    }

    @Test
    void samplesPublishedWhileTheIngestionContainerIsStoppedUnderLoadAreAllIngestedOnceInOrder() throws Exception {
        IngestionClient ingest = startIngestion();
        ingest.createStream(StreamSpec.of(dataset, XP, TOPIC).withBatchSize(50)
                .withBatchInterval(Duration.ofMillis(100)));
        Publisher publisher = new Publisher(client, pubsub, registration.id());
        Thread publishing = Thread.ofVirtual().start(() -> publish(publisher, 0, 10_000));

        await("some commits", () -> ingest.listStreams().getFirst().commits() >= 3);
        ingestion.close();
        publishing.join(TimeUnit.SECONDS.toMillis(60));
        IngestionClient restarted = startIngestion();

        await("all 10,000 samples committed", () -> restarted.listStreams().getFirst().samples() >= 10_000);
        List<IngestedSample> samples = Datasets.samples(datastore.pull(dataset));
        assertEquals(LongStream.range(0, 10_000).boxed().toList(),
                samples.stream().map(s -> s.data().orElseThrow()).toList());
    }

    @Test
    void everyCommitPublishesOneIngestionEventWithItsKeyAndSampleCount() {
        IngestionClient ingest = startIngestion();
        List<Event> events = new CopyOnWriteArrayList<>();
        try (EventSubscriber subscriber = EventSubscriber.start(infra, "1111." + dataset, events::add)) {
            ingest.createStream(StreamSpec.of(dataset, XP, TOPIC).withBatchSize(100)
                    .withBatchInterval(Duration.ofMillis(200)));
            publish(new Publisher(client, pubsub, registration.id()), 0, 1_050);

            await("1,050 samples committed", () -> ingest.listStreams().getFirst().samples() == 1_050);
            List<LogEntry> log = datastore.log(dataset);
            await("an event per commit", () -> events.size() >= log.size());

            assertEquals(11, log.size());
            assertEquals(log.stream().map(e -> e.commit().toString()).collect(Collectors.toSet()),
                    events.stream().map(e -> e.payload().get("commit")).collect(Collectors.toSet()));
            assertEquals(11, events.size());
            assertEquals(Optional.of(EventType.DATASET_SUPPLEMENT_ADDED), events.getFirst().type());
            assertEquals(dataset, events.getFirst().origin());
            assertEquals(1_050L, events.stream().mapToLong(e -> ((Number) e.payload().get("samples")).longValue())
                    .sum());
            assertEquals(50L, ((Number) events.getLast().payload().get("samples")).longValue());
            assertEquals(1_050L, ((Number) events.getLast().payload().get("total")).longValue());
        }
    }

    @Test
    void aSampleCommittedBeforeIsSkippedWhenItComesAgain() {
        IngestionClient ingest = startIngestion();
        ingest.createStream(StreamSpec.of(dataset, XP, TOPIC).withBatchSize(1));
        ExchangePoint xp = pubsub.queryExchangePoints(XP).getFirst();
        Map<String, Object> headers = Map.of(Publisher.TOPIC_HEADER, TOPIC, Publisher.PUBLISHER_HEADER,
                registration.id(), Publisher.PUBLICATION_HEADER, "pub-1", Publisher.SEQUENCE_HEADER, 1L);

        client.publish(xp.exchange(), TOPIC, Publisher.DATA_OP, "first", headers);
        await("the sample committed", () -> ingest.listStreams().getFirst().samples() == 1);
        client.publish(xp.exchange(), TOPIC, Publisher.DATA_OP, "first again", headers);
        await("the duplicate seen", () -> ingest.listStreams().getFirst().duplicates() == 1);

        assertEquals(List.of("first"), Datasets.samples(datastore.pull(dataset)).stream()
                .map(s -> s.data().orElseThrow()).toList());
    }

    @Test
    void stoppedStreamCommitsItsOpenBatchAndIsNoLongerListed() {
        IngestionClient ingest = startIngestion();
        ingest.createStream(StreamSpec.of(dataset, XP, TOPIC).withBatchSize(100)
                .withBatchInterval(Duration.ofSeconds(300)));
        publish(new Publisher(client, pubsub, registration.id()), 0, 130);
        await("30 samples pending", () -> ingest.listStreams().getFirst().pending() == 30);

        IngestionStream stopped = ingest.stopStream(dataset);

        assertEquals(130, stopped.samples());
        assertEquals(2, stopped.commits());
        assertEquals(List.of(), ingest.listStreams());
        assertEquals(130, Datasets.samples(datastore.pull(dataset)).size());
        assertEquals(List.of(), pubsub.querySubscribers(XP));
        ReceivedError again = assertThrows(ReceivedError.class, () -> ingest.stopStream(dataset));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, again.responseCode());
        assertTrue(again.exceptionText().contains("'dataset'"), again.exceptionText());
    }

    @Test
    void badInputGetsAnErrorNamingTheFieldAndTheServiceKeepsServing() {
        IngestionClient ingest = startIngestion();
        Process caller = ingestion.newClient("bad-caller");
        String service = ingest.target();
        Map<String, Object> good = StreamSpec.of(dataset, XP, TOPIC).toMap();

        assertError(caller, service, with(good, "exchange_point", "no_such_xp"), ResponseCodes.APP_RESOURCE_NOT_FOUND,
                "'exchange_point'");
        assertError(caller, service, with(good, "topic", "no.such.topic"), ResponseCodes.APP_RESOURCE_NOT_FOUND,
                "'topic'");
        assertError(caller, service, with(good, "topic", "ctd.te*"), ResponseCodes.BAD_REQUEST, "'topic'");
        assertError(caller, service, with(good, "batch_size", 0L), ResponseCodes.BAD_REQUEST, "'batch_size'");
        assertError(caller, service, with(good, "batch_size", -5L), ResponseCodes.BAD_REQUEST, "'batch_size'");
        assertError(caller, service, with(good, "batch_interval", 0.0), ResponseCodes.BAD_REQUEST,
                "'batch_interval'");
        assertError(caller, service, with(good, "dataset", null), ResponseCodes.BAD_REQUEST, "'dataset'");
        assertError(caller, service, with(good, "dataset", "a.b"), ResponseCodes.BAD_REQUEST, "'dataset'");
        assertError(caller, service, "not a map", ResponseCodes.BAD_REQUEST, "map");
        assertError(caller, service, Map.of(), ResponseCodes.BAD_REQUEST, "'dataset'");

        ReceivedError stray = assertThrows(ReceivedError.class, () -> caller.rpc(service, Publisher.DATA_OP, "x"));
        assertEquals(ResponseCodes.BAD_REQUEST, stray.responseCode(), stray.exceptionText());
        ReceivedError tick = assertThrows(ReceivedError.class, () -> caller.rpc(service, "ingestion_tick", "x"));
        assertEquals(ResponseCodes.BAD_REQUEST, tick.responseCode(), tick.exceptionText());
        ReceivedError stop = assertThrows(ReceivedError.class, () -> caller.rpc(service, "stop_stream", Map.of()));
        assertTrue(stop.exceptionText().contains("'dataset'"), stop.exceptionText());

        assertEquals(List.of(), ingest.listStreams());
        assertEquals(List.of(), pubsub.querySubscribers(XP));
        ingest.createStream(StreamSpec.of(dataset, XP, TOPIC).withBatchSize(10));
        assertError(caller, service, good, ResponseCodes.BAD_REQUEST, "'dataset'");
        publish(new Publisher(client, pubsub, registration.id()), 0, 10);
        await("10 samples committed", () -> ingest.listStreams().getFirst().samples() == 10);
    }

    @Test
    void ingestionIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(IngestionService.NAME).isPresent());
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        if (value == null) {
            m.remove(field);
        } else {
            m.put(field, value);
        }
        return m;
    }

    private static void assertError(Process caller, String service, Object content, String code, String expected) {
        ReceivedError e = assertThrows(ReceivedError.class, () -> caller.rpc(service, "create_stream", content));
        assertEquals(code, e.responseCode(), e.exceptionText());
        assertTrue(e.exceptionText().contains(expected), e.exceptionText());
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition);
    }
}
