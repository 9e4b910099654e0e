package ion.core.container.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.event.Event;
import ion.core.event.EventFilter;
import ion.core.event.EventSubscriber;
import ion.core.event.EventType;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessState;
import ion.core.process.ProcessType;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;
import ion.core.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Heartbeats far apart and a long timeout: within a test, only announcements on purpose refresh a peer. */
    private static final AgentSettings QUIET = new AgentSettings(Duration.ofSeconds(30), Duration.ofSeconds(60));
    /** Frequent heartbeats and a short timeout, for the tests of silent peers. */
    private static final AgentSettings QUICK = new AgentSettings(Duration.ofMillis(100), Duration.ofMillis(500));

    private final List<Container> containers = new ArrayList<>();
    private LocalBroker broker;
    private String sysname;

    @BeforeEach
    void newBroker() {
        broker = new LocalBroker("agent-test");
        sysname = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeContainers() {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
    }

    private ContainerOptions options() {
        return ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(broker::connect)
                .withTypes(ProcessTypes.empty().with(new ProcessType("greeter", "greets", Greeter::new)))
                .withProcessSettings(ProcessSettings.defaults().withRpcTimeout(Duration.ofSeconds(5)));
    }

    private Container container(AgentSettings agent) {
        return start(options().withAgent(agent));
    }

    private Container start(ContainerOptions options) {
        Container c = Container.start(options);
        containers.add(c);
        return c;
    }

    private static ContainerAgent agentOf(Container c) {
        return c.agent().orElseThrow(() -> new AssertionError("container " + c.id() + " has no agent"));
    }

    private static Set<String> peerIds(Container c) {
        return Set.copyOf(agentOf(c).peers().stream().map(PeerInfo::containerId).toList());
    }

    private static Map<?, ?> call(Process caller, Container target, String op, Object content) {
        return caller.rpc(target.id() + "." + ContainerAgent.AGENT_NAME, op, content).contentAs(Map.class);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    /** A spawnable service that greets and tells its spawn argument {@code greeting}. */
    static final class Greeter extends ServiceProcess {
        @Override
        public ServiceDeclaration declaration() {
            return ServiceDeclaration.of("greeter", "0.1.0");
        }

        @Op("greet")
        String greet(String name) {
            return spawnArgs().getOrDefault("greeting", "Hello") + ", " + name;
        }
    }

    /** Subscribes to the system's container life-cycle events through a container and keeps what arrives. */
    static final class EventRecorder implements AutoCloseable {
        final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final EventSubscriber subscriber;

        EventRecorder(Container through) {
            subscriber = EventSubscriber.start(through, EventFilter.byType(EventType.CONTAINER_LIFECYCLE),
                    events::add);
        }

        /**
         * The payload of the first event with this state about this container, waiting at most {@link #WAIT}.
         */
        Map<String, Object> await(String state, String containerId) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no " + state + " event about " + containerId + " within " + WAIT);
                }
                if (state.equals(e.payload().get("state")) && containerId.equals(e.origin())) {
                    return e.payload();
                }
            }
        }

        @Override
        public void close() {
            subscriber.close();
        }
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void threeContainersOfOneSystemSeeEachOther() {
        Container a = container(QUIET);
        Container b = container(QUIET);
        Container c = container(QUIET);

        await("every agent knows the two others", () -> peerIds(a).equals(Set.of(b.id(), c.id()))
                && peerIds(b).equals(Set.of(a.id(), c.id())) && peerIds(c).equals(Set.of(a.id(), b.id())));

        PeerInfo bAsSeenByA = agentOf(a).peer(b.id()).orElseThrow();
        assertEquals(agentOf(b).id().toString(), bAsSeenByA.agentId());
        assertEquals(b.host(), bAsSeenByA.host());
        assertEquals(b.id() + ".agent", bAsSeenByA.agentName());
    }

    @Test
    void aContainerOfAnotherSystemIsNoPeer() {
        Container a = container(QUIET);
        Container other = start(options().withSysname(sysname + "-other").withAgent(QUIET));
        Container b = container(QUIET);

        await("a and b know each other", () -> peerIds(a).contains(b.id()) && peerIds(b).contains(a.id()));

        assertEquals(Set.of(b.id()), peerIds(a));
        assertEquals(Set.of(), peerIds(other));
    }

    @Test
    void theAgentIsProcessOneNamedAgentAndOnlyWhenAsked() {
        Container withAgent = container(QUIET);
        Container without = start(options());

        ProcessId agentId = agentOf(withAgent).id();
        assertEquals(new ProcessId(withAgent.id(), 1), agentId);
        assertEquals("agent", agentOf(withAgent).name());
        assertEquals(ProcessState.ACTIVE, agentOf(withAgent).state());
        assertTrue(without.agent().isEmpty());
        assertTrue(without.processes().list().isEmpty(), without.processes().list().toString());
    }

    @Test
    void aNewPeerIsPublishedAsAContainerLifeCycleEventUp() throws Exception {
        Container a = container(QUIET);
        EventRecorder recorder = new EventRecorder(a);
        List<PeerEvent> heard = new CopyOnWriteArrayList<>();
        agentOf(a).addPeerListener(heard::add);

        Container b = container(QUIET);

        Map<?, ?> event = recorder.await(ContainerAgent.STATE_UP, b.id());
        assertEquals(b.host(), event.get("host"));
        assertEquals(a.id(), event.get("reported-by"));
        assertEquals(agentOf(b).id().toString(), event.get("agent"));
        assertInstanceOf(Long.class, event.get("last-seen"));
        await("the listener heard of b", () -> heard.stream().anyMatch(e -> e.kind() == PeerEvent.Kind.UP
                && e.peer().containerId().equals(b.id())));
    }

    // ------------------------------------------------------------------ operations

    @Test
    void pingThroughTheAgentNameAnswersPongWithTheContainerId() {
        Container a = container(QUIET);
        Container b = container(QUIET);
        Process caller = b.newClient("caller");

        Map<?, ?> reply = call(caller, a, "ping", null);

        assertEquals("pong", reply.get("reply"));
        assertEquals(a.id(), reply.get("container-id"));
    }

    @Test
    void identifyRepliesTheAnnouncementAndMakesEveryPeerAnnounceItself() {
        Container a = container(QUIET);
        Container b = container(QUIET);
        await("a knows b", () -> peerIds(a).contains(b.id()));
        Instant before = agentOf(a).peer(b.id()).orElseThrow().lastSeen();
        Process caller = a.newClient("caller");

        Map<?, ?> reply = call(caller, a, "identify", null);

        assertEquals(a.id(), reply.get("container-id"));
        assertEquals(agentOf(a).id().toString(), reply.get("agent"));
        assertEquals(a.host(), reply.get("host"));
        assertEquals(sysname, reply.get("sysname"));
        assertEquals("identify", reply.get("event"));
        assertEquals(a.startTime().toEpochMilli(), reply.get("start-time"));
        assertInstanceOf(Long.class, reply.get("current-time"));
        assertInstanceOf(String.class, reply.get("version"));
        await("b answered the identify broadcast",
                () -> agentOf(a).peer(b.id()).orElseThrow().lastSeen().isAfter(before));
    }

    @Test
    void getInfoDescribesTheContainer() throws Exception {
        Container a = container(QUIET);
        Container b = container(QUIET);
        a.spawn("greeter");
        await("a knows b", () -> peerIds(a).contains(b.id()));
        Process caller = b.newClient("caller");

        Map<?, ?> info = call(caller, a, "get_info", null);

        assertEquals(a.id(), info.get("container-id"));
        assertEquals(sysname, info.get("sysname"));
        assertEquals(a.transport().description(), info.get("transport"));
        assertTrue(((Long) info.get("uptime-ms")) >= 0, info.toString());
        List<?> processes = (List<?>) info.get("processes");
        assertEquals(Map.of("id", a.id() + ".1", "name", "agent", "type", ContainerAgent.class.getName(),
                "state", "ACTIVE"), processes.get(0));
        assertEquals(Map.of("id", a.id() + ".2", "name", "greeter", "type", Greeter.class.getName(),
                "state", "ACTIVE"), processes.get(1));
        assertEquals(List.of("greeter"), info.get("services"));
        Map<?, ?> memory = (Map<?, ?>) info.get("memory");
        assertTrue((Long) memory.get("heap-used") > 0, memory.toString());
        assertTrue((Long) memory.get("heap-max") >= (Long) memory.get("heap-used"), memory.toString());
        List<?> peers = (List<?>) info.get("peers");
        assertEquals(b.id(), ((Map<?, ?>) peers.get(0)).get("container-id"));
    }

    @Test
    void spawnThroughTheAgentStartsTheTypeInThatContainerAndItAnswers() {
        Container a = container(QUIET);
        Container b = container(QUIET);
        Process caller = b.newClient("caller");

        Map<?, ?> reply = call(caller, a, "spawn", Map.of("type", "greeter", "name", "welcomer",
                "args", Map.of("greeting", "Welcome")));

        ProcessId spawned = ProcessId.parse((String) reply.get("process-id"));
        assertEquals(a.id(), spawned.containerId());
        assertEquals("welcomer", a.processes().find(spawned).orElseThrow().name());
        assertEquals("Welcome, b", caller.rpc(sysname + ".greeter", "greet", "b").content().orElseThrow());
        assertTrue(b.processes().list().stream().noneMatch(p -> p.name().equals("welcomer")));
    }

    @Test
    void spawnAcceptsTheTypeNameAloneAsContent() {
        Container a = container(QUIET);
        Process caller = a.newClient("caller");

        Map<?, ?> reply = call(caller, a, "spawn", "greeter");

        ProcessId spawned = ProcessId.parse((String) reply.get("process-id"));
        assertEquals("greeter", a.processes().find(spawned).orElseThrow().name());
        assertEquals("Hello, a", caller.rpc(sysname + ".greeter", "greet", "a").content().orElseThrow());
    }

    @Test
    void spawnOfAnUnknownTypeIsAnErrorNamingTheKnownTypes() {
        Container a = container(QUIET);
        Process caller = a.newClient("caller");

        ReceivedError e = assertThrows(ReceivedError.class, () -> call(caller, a, "spawn", Map.of("type", "nosuch")));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        assertTrue(e.exceptionText().contains("'nosuch'"), e.exceptionText());
        assertTrue(e.exceptionText().contains("greeter"), e.exceptionText());
        assertEquals(List.of("agent", "caller"), a.processes().list().stream().map(p -> p.name()).toList());
    }

    // ------------------------------------------------------------------ leaving

    @Test
    void aCleanlyClosedContainerIsDroppedAtOnceAndAnnouncedDown() throws Exception {
        Container a = container(QUIET);
        Container b = container(QUIET);
        EventRecorder recorder = new EventRecorder(a);
        await("a knows b", () -> peerIds(a).contains(b.id()));
        CompletableFuture<PeerEvent> heard = new CompletableFuture<>();
        agentOf(a).addPeerListener(e -> {
            if (e.kind() == PeerEvent.Kind.DOWN) {
                heard.complete(e);
            }
        });

        b.close();

        Map<?, ?> event = recorder.await(ContainerAgent.STATE_DOWN, b.id());
        assertEquals(ContainerAgent.REASON_ANNOUNCED_DOWN, event.get("reason"));
        assertEquals(b.host(), event.get("host"));
        assertEquals(Set.of(), peerIds(a));
        PeerEvent down = heard.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(b.id(), down.peer().containerId());
        assertEquals(ContainerAgent.REASON_ANNOUNCED_DOWN, down.reason());
    }

    /** Notes in a shared log when it is terminated. */
    static final class Witness extends Process {
        private final List<String> log;

        Witness(List<String> log) {
            this.log = log;
        }

        @Override
        protected void onTerminate() {
            log.add("witness terminated");
        }
    }

    @Test
    void theDownAnnouncementGoesOutAfterTheOtherProcessesWereTerminated() throws Exception {
        Container a = container(QUIET);
        Container b = container(QUIET);
        await("a knows b", () -> peerIds(a).contains(b.id()));
        List<String> log = new CopyOnWriteArrayList<>();
        b.spawn(new Witness(log));
        agentOf(a).addPeerListener(e -> log.add(e.kind() + " " + e.peer().containerId()));

        b.close();

        await("a dropped b", () -> log.contains("DOWN " + b.id()));
        assertEquals(List.of("witness terminated", "DOWN " + b.id()), log);
        assertEquals(ProcessState.TERMINATED, agentOf(b).state());
    }

    @Test
    void aContainerGoneSilentIsDroppedAfterThePeerTimeout() throws Exception {
        Container a = container(QUICK);
        Container b = container(QUICK);
        EventRecorder recorder = new EventRecorder(a);
        await("a knows b", () -> peerIds(a).contains(b.id()));

        b.transport().close();

        Map<?, ?> event = recorder.await(ContainerAgent.STATE_DOWN, b.id());
        assertEquals(ContainerAgent.REASON_TIMEOUT, event.get("reason"));
        assertTrue(agentOf(a).peer(b.id()).isEmpty());
    }

    @Test
    void aPeerThatKeepsAnnouncingIsNotDropped() throws Exception {
        AgentSettings steady = new AgentSettings(Duration.ofMillis(100), Duration.ofSeconds(1));
        Container a = container(steady);
        Container b = container(steady);
        await("a knows b", () -> peerIds(a).contains(b.id()));
        Instant firstSeen = agentOf(a).peer(b.id()).orElseThrow().firstSeen();
        List<PeerEvent> downs = new CopyOnWriteArrayList<>();
        agentOf(a).addPeerListener(e -> {
            if (e.kind() == PeerEvent.Kind.DOWN) {
                downs.add(e);
            }
        });

        Predicate<Instant> pastTwoTimeouts = t -> t.isAfter(firstSeen.plus(steady.peerTimeout().multipliedBy(2)));
        await("two peer timeouts passed with b still heard of",
                () -> pastTwoTimeouts.test(agentOf(a).peer(b.id()).orElseThrow().lastSeen()));

        assertEquals(firstSeen, agentOf(a).peer(b.id()).orElseThrow().firstSeen());
        assertEquals(List.of(), downs);
    }
}
