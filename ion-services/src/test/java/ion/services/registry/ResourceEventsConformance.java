package ion.services.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.event.Event;
import ion.core.event.EventPublisher;
import ion.core.event.EventSubscriber;
import ion.core.event.EventType;
import ion.core.event.Events;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.ReceivedError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's resource life-cycle events heard through an {@link EventSubscriber} for {@code 1001.*}: every
 * resource's registration and state changes, and nothing else. One subclass per transport.
 */
abstract class ResourceEventsConformance {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Container container;
    private ResourceRegistryClient registry;
    private EventSubscriber subscriber;
    private final LinkedBlockingQueue<Event> heard = new LinkedBlockingQueue<>();

    /** Opens connections to the broker under test. */
    abstract TransportFactory transports();

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withSysname("rr-events-" + UUID.randomUUID().toString().substring(0, 8))
                .withTransport(transports()));
        container.spawn(ResourceRegistryService.NAME);
        registry = new ResourceRegistryClient(container.newClient("client"));
        subscriber = EventSubscriber.start(container, "1001.*", heard::add);
    }

    @AfterEach
    void stop() {
        subscriber.close();
        container.transport().deleteExchange(Events.exchangeName(container.sysname()));
        container.close();
    }

    /** What the subscriber heard up to and including the first event that satisfies {@code last}. */
    private List<Event> heardUntil(Predicate<Event> last) throws InterruptedException {
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

    private static String summary(Event e) {
        return e.id() + " " + e.origin() + " " + e.payload().get("state") + " v" + e.payload().get("version");
    }

    @Test
    void aSubscriberForAnyResourceLifeCycleHearsEveryResourceAndNothingElse() throws Exception {
        EventPublisher other = container.events();
        other.publish(EventType.CONTAINER_LIFECYCLE, "noise", "", Map.of());
        other.publish(EventType.RESOURCE_LIFECYCLE, "not.one.word", "", Map.of());
        other.publish(1002, "noise", "", Map.of());

        Resource a = registry.register("instrument", "CTD 1", "");
        Resource b = registry.register("platform", "mooring", "");
        Resource c = registry.register("dataset", "temperatures", "");
        registry.setState(a.id(), LifeCycleState.ACTIVE);
        registry.update(b.id(), "mooring 2", "renamed: no life-cycle event");
        registry.setState(b.id(), LifeCycleState.ACTIVE);
        assertThrows(ReceivedError.class, () -> registry.setState(c.id(), LifeCycleState.RETIRED));
        registry.setState(a.id(), LifeCycleState.INACTIVE);
        registry.setState(a.id(), LifeCycleState.DECOMMISSIONED);
        other.publish(EventType.PROCESS_LIFECYCLE, a.id(), "", Map.of());
        List<Event> all = new ArrayList<>(heardUntil(e -> "Decommissioned".equals(e.payload().get("state"))));
        other.publish(EventType.RESOURCE_LIFECYCLE, "end", "", Map.of());
        all.addAll(heardUntil(e -> e.origin().equals("end")));

        assertEquals(List.of(
                "1001 " + a.id() + " New v1",
                "1001 " + b.id() + " New v1",
                "1001 " + c.id() + " New v1",
                "1001 " + a.id() + " Active v2",
                "1001 " + b.id() + " Active v3",
                "1001 " + a.id() + " Inactive v3",
                "1001 " + a.id() + " Decommissioned v4",
                "1001 end null vnull"), all.stream().map(ResourceEventsConformance::summary).toList());
    }

    @Test
    void theEventCarriesTheNewVersionAndSaysWhatChanged() throws Exception {
        Resource a = registry.register("instrument", "CTD 1", "a CTD");
        Resource active = registry.setState(a.id(), LifeCycleState.ACTIVE);

        List<Event> events = heardUntil(e -> "Active".equals(e.payload().get("state")));
        Event moved = events.get(events.size() - 1);

        assertEquals(a.id(), moved.origin());
        assertEquals(active, Resource.fromMap(moved.payload()));
        assertEquals("resource " + a.id() + " (instrument 'CTD 1') moved from New to Active", moved.description());
    }
}
