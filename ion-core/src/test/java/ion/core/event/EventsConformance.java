package ion.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessStartException;
import ion.core.process.ProcessTypes;
import ion.core.process.SpawnOptions;
import ion.core.supervision.ChildSpec;
import ion.core.supervision.RestartStrategy;
import ion.core.supervision.Supervisor;
import ion.core.supervision.SupervisorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events end to end through containers: what a subscriber hears for its filter, what travels, and the events the
 * container and the supervisor publish. One subclass per transport.
 */
abstract class EventsConformance {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Container> containers = new ArrayList<>();
    private final List<EventSubscriber> subscribers = new ArrayList<>();
    String sysname;

    /** Opens connections to the broker under test. */
    abstract TransportFactory transports();

    @BeforeEach
    void newSystem() {
        sysname = "events-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeEverything() {
        subscribers.forEach(EventSubscriber::close);
        for (Container c : containers) {
            c.transport().deleteExchange(Events.exchangeName(c.sysname()));
        }
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
    }

    Container container() {
        Container c = Container.start(ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(transports())
                .withTypes(ProcessTypes.empty())
                .withProcessSettings(ProcessSettings.defaults().withRpcTimeout(WAIT)));
        containers.add(c);
        return c;
    }

    /** Keeps what a subscriber hears. */
    final class Recorder {
        final LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        final EventSubscriber subscriber;

        Recorder(Container through, String bindingKey) {
            subscriber = EventSubscriber.start(through, bindingKey, heard::add);
            subscribers.add(subscriber);
        }

        /** Every event heard up to and including the first that satisfies {@code last}. */
        List<Event> until(Predicate<Event> last) throws InterruptedException {
            List<Event> got = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Event e = heard.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("the awaited event did not come within " + WAIT + "; heard " + got);
                }
                got.add(e);
                if (last.test(e)) {
                    return got;
                }
            }
        }

        /** The first event heard that satisfies {@code wanted}. */
        Event first(Predicate<Event> wanted) throws InterruptedException {
            List<Event> got = until(wanted);
            return got.get(got.size() - 1);
        }
    }

    static Predicate<Event> from(int id, String origin) {
        return e -> e.id() == id && e.origin().equals(origin);
    }

    static List<String> keys(List<Event> events) {
        return events.stream().map(Event::routingKey).toList();
    }

    // ------------------------------------------------------------------ filters

    @Test
    void subscriberForOneIdAndAnyOneWordOriginHearsExactlyThose() throws Exception {
        Container c = container();
        Recorder lifeCycle = new Recorder(c, "1001.*");
        EventPublisher publisher = c.events();

        publisher.publish(EventType.RESOURCE_LIFECYCLE, "r1", "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "r1", "", Map.of());
        publisher.publish(EventType.RESOURCE_LIFECYCLE, "r2", "", Map.of());
        publisher.publish(EventType.RESOURCE_LIFECYCLE, "two.words", "", Map.of());
        publisher.publish(1002, "r3", "", Map.of());
        publisher.publish(EventType.PROCESS_LIFECYCLE, "r2", "", Map.of());
        publisher.publish(EventType.RESOURCE_LIFECYCLE, "end", "", Map.of());

        assertEquals(List.of("1001.r1", "1001.r2", "1001.end"), keys(lifeCycle.until(from(1001, "end"))));
    }

    @Test
    void subscriberForAnOriginHearsEveryIdOfThatOriginEvenWithDots() throws Exception {
        Container c = container();
        String origin = "host.4711-2";
        Recorder ofOrigin = new Recorder(c, "*." + origin);
        EventPublisher publisher = c.events();

        publisher.publish(EventType.CONTAINER_LIFECYCLE, origin, "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "host.4712", "", Map.of());
        publisher.publish(EventType.PROCESS_LIFECYCLE, origin + ".3", "", Map.of());
        publisher.publish(7777, origin, "", Map.of());
        publisher.publish(EventType.LOGGING_INFO, origin, "", Map.of());

        assertEquals(List.of("1051." + origin, "7777." + origin, "3003." + origin),
                keys(ofOrigin.until(from(3003, origin))));
    }

    @Test
    void hashHearsOriginsOfAnyLengthAndIdWithOriginHearsOnlyThatPair() throws Exception {
        Container c = container();
        Recorder anyContainer = new Recorder(c, "1051.#");
        Recorder onePair = new Recorder(c, "1051.host.7");
        EventPublisher publisher = c.events();

        publisher.publish(EventType.CONTAINER_LIFECYCLE, "host", "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "host.7", "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "host.7.x", "", Map.of());
        publisher.publish(EventType.PROCESS_LIFECYCLE, "host.7", "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "end", "", Map.of());
        publisher.publish(EventType.CONTAINER_LIFECYCLE, "host.7", "last", Map.of());

        assertEquals(List.of("1051.host", "1051.host.7", "1051.host.7.x", "1051.end"),
                keys(anyContainer.until(from(1051, "end"))));
        assertEquals(List.of("", "last"), onePair.until(e -> e.description().equals("last")).stream()
                .map(Event::description).toList());
    }

    @Test
    void subscribersInAnotherSystemHearNothingOfThisOne() throws Exception {
        Container c = container();
        String mine = sysname;
        sysname = mine + "-other";
        Container other = container();
        Recorder elsewhere = new Recorder(other, "*.#");

        c.events().publish(EventType.RESOURCE_LIFECYCLE, "r1", "", Map.of());
        other.events().publish(EventType.RESOURCE_LIFECYCLE, "end", "", Map.of());

        assertEquals(List.of("1001.end"), keys(elsewhere.until(from(1001, "end"))));
    }

    // ------------------------------------------------------------------ what travels

    @Test
    void anEventArrivesWithItsFieldsAndPayloadFromAProcess() throws Exception {
        Container c = container();
        Recorder all = new Recorder(c, "*.#");
        Process p = c.newClient("publisher");
        Instant time = Instant.ofEpochMilli(1_700_000_000_123L);
        Map<String, Object> payload = Map.of("state", "Active", "version", 3L, "tags", List.of("a", "b"),
                "nested", Map.of("k", "v"));

        EventPublisher.of(p).publish(new Event(1001, "abc-123", time, "resource abc-123 is Active", payload));

        Event heard = all.first(from(1001, "abc-123"));
        assertEquals(time, heard.time());
        assertEquals("resource abc-123 is Active", heard.description());
        assertEquals(payload, heard.payload());
        assertEquals(EventType.RESOURCE_LIFECYCLE, heard.type().orElseThrow());
    }

    @Test
    void contentThatIsNoEventIsCountedAndDroppedAndTheNextEventStillArrives() throws Exception {
        Container c = container();
        Recorder all = new Recorder(c, "*.#");
        Process p = c.newClient("rogue");

        p.publish(Events.exchangeName(sysname), "1001.r1", Events.OP, "not a map", Map.of());
        p.publish(Events.exchangeName(sysname), "1001.r2", Events.OP, Map.of("event-id", "x", "origin", "r2"),
                Map.of());
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "good", "", Map.of());

        assertEquals(List.of("1001.good"), keys(all.until(from(1001, "good"))));
        assertEquals(2, all.subscriber.malformed());
    }

    @Test
    void aClosedSubscriberHearsNoMore() throws Exception {
        Container c = container();
        Recorder closing = new Recorder(c, "*.#");
        Recorder staying = new Recorder(c, "*.#");
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "first", "", Map.of());
        closing.first(from(1001, "first"));

        closing.subscriber.close();
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "second", "", Map.of());

        assertEquals(List.of("1001.first", "1001.second"), keys(staying.until(from(1001, "second"))));
        assertEquals(1, closing.subscriber.received());
        assertTrue(closing.heard.isEmpty(), closing.heard.toString());
    }

    @Test
    void badIdsOriginsAndPatternsAreRefusedBeforeAnythingIsSent() {
        Container c = container();
        EventPublisher publisher = c.events();

        assertThrows(InvalidEventException.class, () -> publisher.publish(0, "r1", "", Map.of()));
        assertThrows(InvalidEventException.class, () -> publisher.publish(1001, "a.*", "", Map.of()));
        assertThrows(InvalidEventException.class, () -> publisher.publish(1001, "", "", Map.of()));
        assertThrows(InvalidEventException.class, () -> EventSubscriber.start(c, "abc.#", e -> { }));
        assertThrows(InvalidEventException.class, () -> EventSubscriber.start(c, "1001.a*", e -> { }));
    }

    // ------------------------------------------------------------------ in a process's mailbox

    /** Hears resource life-cycle events through an {@code @Op} handler of its own. */
    static final class ResourceWatcher extends Process {
        final LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        final List<String> queues = new CopyOnWriteArrayList<>();
        volatile String attached;

        @Override
        protected void onInit() {
            EventSubscription s = EventSubscription.of("1001.*");
            attached = attach(s.queue(), s.bindings(sysname()), s.options());
        }

        @Op(Events.OP)
        void onEvent(Message m) {
            Event e = Event.fromMessage(m);
            queues.add(deliveryQueue().orElse("?"));
            heard.add(e);
        }
    }

    @Test
    void aProcessHearsEventsThroughItsOwnOpHandler() throws Exception {
        Container c = container();
        ResourceWatcher watcher = new ResourceWatcher();
        c.spawn(watcher);

        c.events().publish(EventType.PROCESS_LIFECYCLE, "r1", "", Map.of());
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "r1", "", Map.of());
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "end", "", Map.of());

        List<Event> got = new ArrayList<>();
        while (got.isEmpty() || !got.get(got.size() - 1).origin().equals("end")) {
            Event e = watcher.heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("the watcher heard only " + got);
            }
            got.add(e);
        }
        assertEquals(List.of("1001.r1", "1001.end"), keys(got));
        assertEquals(List.of(watcher.attached, watcher.attached), watcher.queues);
    }

    @Test
    void anEventSubscriberProcessHandsEventsToItsCallbackOneAtATimeInOrder() throws Exception {
        Container c = container();
        LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        AtomicInteger inCallback = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        EventSubscriberProcess subscriber = new EventSubscriberProcess(List.of(EventFilter.byId(4001),
                EventFilter.of(1051, "c.#")), e -> {
                    if (inCallback.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    heard.add(e);
                    inCallback.decrementAndGet();
                });
        c.spawn(subscriber);

        for (int i = 0; i < 50; i++) {
            c.events().publish(EventType.DATA_BLOCK, "block", Integer.toString(i), Map.of("n", i));
        }
        c.events().publish(EventType.CONTAINER_LIFECYCLE, "other", "", Map.of());
        c.events().publish(EventType.CONTAINER_LIFECYCLE, "c.1", "", Map.of());

        List<Event> got = new ArrayList<>();
        while (got.size() < 51) {
            Event e = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("heard only " + got.size() + " events");
            }
            got.add(e);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, got.subList(0, 50).stream().map(Event::description).toList());
        assertEquals("1051.c.1", got.get(50).routingKey());
        assertEquals(0, overlaps.get());
    }

    @Test
    void anEventPassingSeveralFiltersOfOneSubscriptionArrivesOnce() throws Exception {
        Container c = container();
        LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        c.spawn(new EventSubscriberProcess(List.of(EventFilter.parse("1001.*"), EventFilter.byOrigin("r1")),
                heard::add));

        c.events().publish(EventType.RESOURCE_LIFECYCLE, "r1", "both", Map.of());
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "end", "", Map.of());

        assertEquals("both", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).description());
        assertEquals("1001.end", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).routingKey());
    }

    /** Publishes on the events exchange point and keeps the replies it gets. */
    static final class Rogue extends Process {
        final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();

        @Op("result")
        void result(Message m) {
            replies.add(m);
        }
    }

    @Test
    void contentThatIsNoEventGetsABadRequestReplyAndTheSubscriberProcessGoesOn() throws Exception {
        Container c = container();
        LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();
        c.spawn(new EventSubscriberProcess(EventFilter.all(), heard::add));
        Rogue rogue = new Rogue();
        c.spawn(rogue);

        rogue.publish(Events.exchangeName(sysname), "1001.r1", Events.OP, List.of("not", "an", "event"), Map.of());
        Message reply = rogue.replies.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        c.events().publish(EventType.RESOURCE_LIFECYCLE, "good", "", Map.of());

        assertTrue(reply != null && reply.isError(), String.valueOf(reply));
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response());
        assertTrue(reply.exception().contains("event content must be a map"), reply.exception());
        assertEquals("1001.good", heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS).routingKey());
    }

    // ------------------------------------------------------------------ events of the container

    /** Throws on {@code fail}. */
    static final class Fragile extends Process {
        @Op("fail")
        void fail(String why) {
            throw new IllegalStateException(why);
        }
    }

    @Test
    void aCrashedProcessIsPublishedAsProcessLifeCycleCrashed() throws Exception {
        Container c = container();
        Recorder processes = new Recorder(c, "1052.#");
        ProcessId fragile = c.processes().spawn(new Fragile(), SpawnOptions.defaults().withName("fragile")
                .withFailFast(true));
        Process client = c.newClient("client");

        client.send(fragile.toString(), "fail", "on purpose");

        Event crash = processes.first(from(1052, fragile.toString()));
        assertEquals("CRASHED", crash.payload().get("state"));
        assertEquals("fragile", crash.payload().get("name"));
        assertTrue(((String) crash.payload().get("cause")).contains("on purpose"), crash.toString());
    }

    /** Fails to activate. */
    static final class Stillborn extends Process {
        @Override
        protected void onActivate() {
            throw new IllegalStateException("cannot start");
        }
    }

    @Test
    void aProcessThatFailsToStartIsPublishedAsCrashed() throws Exception {
        Container c = container();
        Recorder processes = new Recorder(c, "1052.#");

        assertThrows(ProcessStartException.class, () -> c.processes().spawn(new Stillborn(),
                SpawnOptions.defaults().withName("stillborn")));

        Event crash = processes.first(e -> "stillborn".equals(e.payload().get("name")));
        assertEquals("CRASHED", crash.payload().get("state"));
        assertTrue(((String) crash.payload().get("cause")).contains("cannot start"), crash.toString());
    }

    @Test
    void aNormalEndIsNoEvent() throws Exception {
        Container c = container();
        Recorder processes = new Recorder(c, "1052.#");
        ProcessId quiet = c.spawn(new Process());

        c.processes().terminate(quiet);
        c.events().publish(EventType.PROCESS_LIFECYCLE, "end", "", Map.of());

        assertEquals(List.of("1052.end"), keys(processes.until(from(1052, "end"))));
    }

    @Test
    void aSupervisorRestartIsPublishedWithTheSupervisorAsOrigin() throws Exception {
        Container c = container();
        Recorder processes = new Recorder(c, "1052.#");
        Supervisor sup = new Supervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE),
                List.of(ChildSpec.of("fragile", Fragile::new)));
        ProcessId supId = c.spawn(sup);
        ProcessId first = sup.childStatus().get(0).process().orElseThrow();
        Process client = c.newClient("client");

        client.send(first.toString(), "fail", "restart me");

        Event restart = processes.first(from(1052, supId.toString()));
        assertEquals(Supervisor.STATE_RESTARTED, restart.payload().get("state"));
        assertEquals("fragile", restart.payload().get("child"));
        assertEquals(first.toString(), restart.payload().get("previous"));
        assertEquals(sup.childStatus().get(0).process().orElseThrow().toString(), restart.payload().get("current"));
        assertEquals(1L, ((Number) restart.payload().get("restarts")).longValue());
        assertTrue(restart.payload().get("reason").toString().startsWith("crashed"), restart.toString());
    }
}
