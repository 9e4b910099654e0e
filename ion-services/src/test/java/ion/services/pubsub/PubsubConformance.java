package ion.services.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.QueueNotFoundException;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.testing.Await;
import ion.services.registry.AssociationClient;
import ion.services.registry.AssociationService;
import ion.services.registry.LifeCycleState;
import ion.services.registry.ResourceRegistryClient;
import ion.services.registry.ResourceRegistryService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data distribution network end to end: the pubsub service, {@link Publisher} and {@link Subscriber}. One
 * subclass per transport; the same tests, the same expectations.
 */
abstract class PubsubConformance {
    static final String XP = "science_data";

    Container container;
    Process client;
    PubsubClient pubsub;

    /** Opens connections to the broker under test. */
    abstract TransportFactory transports();

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withSysname("pubsub-" + UUID.randomUUID().toString().substring(0, 8))
                .withTransport(transports())
                .withTypes(ProcessTypes.empty()));
        container.spawn(new ResourceRegistryService());
        container.spawn(new AssociationService());
        container.spawn(new PubsubService());
        client = container.newClient("test");
        pubsub = new PubsubClient(client);
    }

    /** Leaves nothing on the broker: subscriptions' queues and exchange points' exchanges go. */
    @AfterEach
    void stop() {
        try {
            for (ExchangePoint xp : pubsub.queryExchangePoints("#")) {
                for (Subscription s : pubsub.querySubscribers(xp.name())) {
                    pubsub.unsubscribe(s.id());
                }
                container.transport().deleteExchange(xp.exchange());
            }
        } finally {
            container.close();
        }
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(30), condition);
    }

    /** Consumes one subscription and records {@code <topic>|<content>} for each data message. */
    static class Recorder extends Subscriber {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final Subscription subscription;
        private final int prefetch;
        volatile CountDownLatch gate = new CountDownLatch(0);

        Recorder(Subscription subscription, int prefetch) {
            this.subscription = subscription;
            this.prefetch = prefetch;
        }

        Recorder(Subscription subscription) {
            this(subscription, DEFAULT_PREFETCH);
        }

        @Override
        protected void onInit() {
            consume(subscription, prefetch);
        }

        @Override
        protected void onData(String topic, Message message) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(topic + "|" + message.contentAs(String.class));
        }

        List<String> contents() {
            return received.stream().map(r -> r.substring(r.indexOf('|') + 1)).toList();
        }
    }

    boolean queueExists(String queue) {
        try {
            container.transport().messageCount(queue);
            return true;
        } catch (QueueNotFoundException e) {
            return false;
        }
    }

    PublisherRegistration declare(List<String> topics) {
        pubsub.declareExchangePoint(XP);
        for (String t : topics) {
            pubsub.declareTopic(XP, t);
        }
        return pubsub.definePublisher(XP, "ctd-driver", topics, "");
    }

    @Test
    void eachSubscriberGetsExactlyTheMessagesItsPatternMatchesInOrder() {
        List<String> topics = List.of("ocean.ctd.temperature", "ocean.ctd.salinity", "ocean.adcp.velocity",
                "air.met.wind");
        PublisherRegistration registration = declare(topics);
        Recorder ctd = new Recorder(pubsub.subscribeTransient(XP, "ocean.ctd.*"));
        Recorder ocean = new Recorder(pubsub.subscribeTransient(XP, "ocean.#"));
        Recorder wind = new Recorder(pubsub.subscribeTransient(XP, "*.*.wind"));
        container.spawn(ctd);
        container.spawn(ocean);
        container.spawn(wind);
        Publisher publisher = new Publisher(client, registration.id());
        List<String> published = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            String topic = topics.get(i % topics.size());
            String content = topic + ":" + i;
            publisher.publish(topic, content);
            published.add(content);
        }

        assertReceivedExactly(ctd, published, c -> c.startsWith("ocean.ctd."));
        assertReceivedExactly(ocean, published, c -> c.startsWith("ocean."));
        assertReceivedExactly(wind, published, c -> c.startsWith("air.met.wind:"));
        assertTrue(ocean.received.stream().allMatch(r -> r.startsWith(r.substring(r.indexOf('|') + 1,
                r.indexOf(':')) + "|")), "the topic handed to onData is the one published to");
    }

    private static void assertReceivedExactly(Recorder r, List<String> published, Predicate<String> matching) {
        List<String> expected = published.stream().filter(matching).toList();
        String last = expected.get(expected.size() - 1);
        await("the last matching message arrived", () -> r.contents().contains(last));
        assertEquals(expected, r.contents());
    }

    @Test
    void durableSubscriberGetsAllMessagesPublishedWhileItWasDownAndATransientOneDoesNot() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature"));
        Subscription durable = pubsub.subscribeDurable(XP, "archive", "ocean.#");
        Subscription transientOne = pubsub.subscribeTransient(XP, "ocean.#");
        Recorder archiver = new Recorder(durable);
        Recorder viewer = new Recorder(transientOne);
        ProcessId archiverId = container.spawn(archiver);
        ProcessId viewerId = container.spawn(viewer);
        Publisher publisher = new Publisher(client, registration.id());
        publisher.publish("ocean.ctd.temperature", "before");
        await("both got the first message", () -> archiver.received.size() == 1 && viewer.received.size() == 1);

        container.processes().terminate(archiverId);
        container.processes().terminate(viewerId);
        await("the transient queue is gone with its consumer", () -> !queueExists(transientOne.queue()));
        List<String> whileDown = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            whileDown.add("m" + i);
            publisher.publish("ocean.ctd.temperature", "m" + i);
        }
        await("the durable queue holds all 1000", () -> container.transport().messageCount(durable.queue()) == 1000);
        Subscription again = pubsub.subscribeDurable(XP, "archive", "ocean.#");
        assertEquals(durable, again);
        Recorder restarted = new Recorder(again);
        Recorder viewerRestarted = new Recorder(transientOne);
        container.spawn(restarted);
        container.spawn(viewerRestarted);
        publisher.publish("ocean.ctd.temperature", "after");

        await("the restarted durable subscriber got all", () -> restarted.received.size() == 1001);
        List<String> expected = new ArrayList<>(whileDown);
        expected.add("after");
        assertEquals(expected, restarted.contents());
        await("the restarted transient subscriber got the message published after it came back",
                () -> viewerRestarted.contents().contains("after"));
        assertEquals(List.of("after"), viewerRestarted.contents());
    }

    @Test
    void durableSubscriptionWithALengthLimitKeepsTheNewestWhileItsSubscriberIsDown() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature"));
        Subscription limited = pubsub.subscribeDurable(XP, "latest", "#", 5, QueueSpec.Overflow.DROP_HEAD);
        Publisher publisher = new Publisher(client, registration.id());

        for (int i = 0; i < 20; i++) {
            publisher.publish("ocean.ctd.temperature", "m" + i);
        }
        await("the queue holds its limit", () -> container.transport().messageCount(limited.queue()) == 5);
        Recorder late = new Recorder(limited);
        container.spawn(late);

        await("the newest five arrived", () -> late.contents().contains("m19"));
        assertEquals(List.of("m15", "m16", "m17", "m18", "m19"), late.contents());
    }

    @Test
    void prefetchHoldsBackMessagesWhileTheSubscriberIsBusy() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature"));
        Subscription s = pubsub.subscribeDurable(XP, "slow", "#");
        Recorder slow = new Recorder(s, 2);
        slow.gate = new CountDownLatch(1);
        container.spawn(slow);
        Publisher publisher = new Publisher(client, registration.id());

        for (int i = 0; i < 10; i++) {
            publisher.publish("ocean.ctd.temperature", "m" + i);
        }

        await("all but the prefetched two wait in the queue", () -> container.transport().messageCount(s.queue())
                == 8);
        assertEquals(0, slow.received.size());
        slow.gate.countDown();
        await("all ten arrived", () -> slow.received.size() == 10);
        assertEquals(0, container.transport().messageCount(s.queue()));
    }

    @Test
    void publishingToATopicThePublisherIsNotRegisteredForIsRefusedNamingTheTopic() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature"));
        pubsub.declareTopic(XP, "ocean.ctd.salinity");
        Publisher publisher = new Publisher(client, registration.id());

        PublishRefusedException e = assertThrows(PublishRefusedException.class,
                () -> publisher.publish("ocean.ctd.salinity", "x"));

        assertEquals(ResponseCodes.PERMISSION_ERROR, e.responseCode());
        assertTrue(e.getMessage().contains("not registered for topic 'ocean.ctd.salinity'"), e.getMessage());
        ReceivedError direct = assertThrows(ReceivedError.class, () -> pubsub.checkPublisher(registration.id(),
                "ocean.ctd.salinity"));
        assertTrue(direct.exceptionText().contains("not registered for topic 'ocean.ctd.salinity'"),
                direct.exceptionText());
        publisher.publish("ocean.ctd.temperature", "still allowed");
    }

    @Test
    void unknownTopicIsRefusedNamingIt() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature"));
        Publisher publisher = new Publisher(client, registration.id());

        PublishRefusedException e = assertThrows(PublishRefusedException.class,
                () -> publisher.publish("ocean.nowhere", "x"));
        ReceivedError define = assertThrows(ReceivedError.class, () -> pubsub.definePublisher(XP, "p",
                List.of("ocean.ctd.temperature", "ocean.nowhere"), ""));

        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
        assertTrue(e.getMessage().contains("unknown topic 'ocean.nowhere'"), e.getMessage());
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, define.responseCode());
        assertTrue(define.exceptionText().contains("unknown topic 'ocean.nowhere'"), define.exceptionText());
        ReceivedError unknownPublisher = assertThrows(ReceivedError.class, () -> pubsub.checkPublisher("nobody",
                "ocean.ctd.temperature"));
        assertTrue(unknownPublisher.exceptionText().contains("unknown publisher 'nobody'"),
                unknownPublisher.exceptionText());
        ReceivedError unknownPoint = assertThrows(ReceivedError.class, () -> pubsub.declareTopic("nowhere", "a"));
        assertTrue(unknownPoint.exceptionText().contains("unknown exchange point 'nowhere'"),
                unknownPoint.exceptionText());
    }

    @Test
    void malformedPatternsAndNamesAreRefusedNamingTheProblem() {
        declare(List.of("ocean.ctd.temperature"));

        for (String bad : List.of("ocean..ctd", "ocean.c*d", "", "ocean.ctd.", "a b", "#.x#")) {
            ReceivedError e = assertThrows(ReceivedError.class, () -> pubsub.subscribeTransient(XP, bad), bad);
            assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode(), bad);
            assertTrue(e.exceptionText().contains("malformed pattern") || e.exceptionText().contains("pattern"),
                    e.exceptionText());
        }
        ReceivedError word = assertThrows(ReceivedError.class, () -> pubsub.subscribeTransient(XP, "ocean.c*d"));
        assertTrue(word.exceptionText().contains("word 'c*d'"), word.exceptionText());
        ReceivedError topic = assertThrows(ReceivedError.class, () -> pubsub.declareTopic(XP, "ocean.*"));
        assertTrue(topic.exceptionText().contains("wildcards"), topic.exceptionText());
        ReceivedError query = assertThrows(ReceivedError.class, () -> pubsub.queryTopics(XP, "ocean..x"));
        assertTrue(query.exceptionText().contains("malformed pattern"), query.exceptionText());
        ReceivedError notAMap = assertThrows(ReceivedError.class, () -> client.rpc(container.sysname() + "."
                + PubsubService.NAME, "subscribe", "ocean.#"));
        assertEquals(ResponseCodes.BAD_REQUEST, notAMap.responseCode());
        assertEquals(1, pubsub.queryTopics(XP, "#").size(), "the service keeps serving");
    }

    @Test
    void topicsAndSubscribersAreQueriedByPattern() {
        declare(List.of("ocean.ctd.temperature", "ocean.ctd.salinity", "air.met.wind"));
        Subscription ctd = pubsub.subscribeTransient(XP, "ocean.ctd.*");
        Subscription all = pubsub.subscribeDurable(XP, "everything", "#");

        assertEquals(List.of("ocean.ctd.salinity", "ocean.ctd.temperature"), pubsub.queryTopics(XP, "ocean.#")
                .stream().map(Topic::name).toList());
        assertEquals(List.of("air.met.wind"), pubsub.queryTopics(XP, "*.*.wind").stream().map(Topic::name).toList());
        assertEquals(List.of(all.id()), pubsub.querySubscribers(XP, "air.met.wind").stream().map(Subscription::id)
                .toList());
        assertEquals(2, pubsub.querySubscribers(XP, "ocean.ctd.salinity").size());
        assertEquals(List.of(XP), pubsub.queryExchangePoints("*").stream().map(ExchangePoint::name).toList());

        pubsub.unsubscribe(ctd.id());

        assertEquals(List.of(all.id()), pubsub.querySubscribers(XP).stream().map(Subscription::id).toList());
        await("the unsubscribed queue is gone", () -> !queueExists(ctd.queue()));
    }

    @Test
    void modelIsKeptAsResourcesWithAssociations() {
        PublisherRegistration registration = declare(List.of("ocean.ctd.temperature", "air.met.wind"));
        Subscription s = pubsub.subscribeTransient(XP, "ocean.#");
        ResourceRegistryClient registry = new ResourceRegistryClient(client);
        AssociationClient associations = new AssociationClient(client);

        assertEquals(2, registry.find(PubsubService.TOPIC, LifeCycleState.ACTIVE).size());
        assertEquals(1, registry.find(PubsubService.EXCHANGE_POINT, LifeCycleState.ACTIVE).size());
        assertEquals("Active", registry.get(registration.id()).state().label());
        assertEquals(2, associations.find(Map.of("subject", registration.id(), "predicate",
                PubsubService.PUBLISHES_TO)).size());
        String oceanTopic = pubsub.queryTopics(XP, "ocean.#").get(0).id();
        assertEquals(List.of(oceanTopic), associations.find(Map.of("subject", s.id(), "predicate",
                PubsubService.SUBSCRIBES_TO)).stream().map(a -> a.object()).toList());
        String later = pubsub.declareTopic(XP, "ocean.adcp.velocity").id();
        assertEquals(2, associations.find(Map.of("subject", s.id(), "predicate", PubsubService.SUBSCRIBES_TO))
                .size(), "a topic declared later is associated with the subscriptions it matches");

        pubsub.unsubscribe(s.id());

        assertEquals(LifeCycleState.DECOMMISSIONED, registry.get(s.id()).state());
        assertEquals(List.of(), associations.findBySubject(s.id()));
        assertTrue(associations.findByObject(later).isEmpty());
    }
}
