package ion.launcher;

import static ion.launcher.ScriptProcess.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.container.agent.AgentSettings;
import ion.core.container.agent.ContainerAgent;
import ion.core.container.agent.PeerInfo;
import ion.core.event.Event;
import ion.core.event.EventFilter;
import ion.core.event.EventSubscriber;
import ion.core.event.EventType;
import ion.core.messaging.Message;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.testing.RequiresBrokerExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Container agents of {@code bin/ion-cc} containers, separate OS processes sharing a system on RabbitMQ. */
@ExtendWith(RequiresBrokerExtension.class)
class ContainerAgentIT {
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);
    /** How soon running containers must know each other. */
    private static final Duration SEE_EACH_OTHER = Duration.ofSeconds(2);
    /**
     * How soon after a container died its peers must have dropped it: the peer timeout, one heartbeat interval
     * for the sweep to come round, one second for delivery.
     */
    private static final Duration DROP_LIMIT = PEER_TIMEOUT.plus(HEARTBEAT).plusSeconds(1);
    private static final Duration RPC = Duration.ofSeconds(5);

    private final String sysname = ScriptProcess.uniqueSysname();
    private final List<ScriptProcess> started = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        containers.forEach(Container::close);
        started.forEach(ScriptProcess::close);
    }

    /** Starts {@code count} agent-running containers and waits until each runs; their container ids. */
    private List<ScriptProcess> ionCcs(int count) throws IOException {
        List<ScriptProcess> ccs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ScriptProcess p = ScriptProcess.start("ion-cc", "-h", RequiresBrokerExtension.brokerHost(), "-p",
                    Integer.toString(RequiresBrokerExtension.brokerPort()), "-a", "sysname=" + sysname
                            + ",agent.heartbeat-interval=" + HEARTBEAT.toSeconds() + "s,agent.peer-timeout="
                            + PEER_TIMEOUT.toSeconds() + "s", "-n");
            started.add(p);
            ccs.add(p);
        }
        for (ScriptProcess p : ccs) {
            p.awaitLine("running;", START);
        }
        return ccs;
    }

    /** A container in this JVM on the same system, with an agent of its own when {@code agent} is given. */
    private Container observer(AgentSettings agent) {
        AmqpSettings broker = AmqpSettings.defaults()
                .withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        ContainerOptions options = ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(max -> AmqpTransport.connect(broker.withMaxMessageSize(max)));
        Container c = Container.start(agent == null ? options : options.withAgent(agent));
        containers.add(c);
        return c;
    }

    private static String idOf(ScriptProcess cc) {
        return cc.awaitValue("container-id:", START);
    }

    /** The peers a container's agent knows, asked through {@code <container-id>.agent}. */
    private static Set<String> peersOf(Process caller, String containerId) {
        Map<?, ?> info = caller.rpc(containerId + "." + ContainerAgent.AGENT_NAME, "get_info", null, RPC)
                .contentAs(Map.class);
        return ((List<?>) info.get("peers")).stream()
                .map(p -> (String) ((Map<?, ?>) p).get("container-id"))
                .collect(Collectors.toSet());
    }

    private static void awaitWithin(Duration limit, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The containers that reported {@code containerId} down for {@code reason}, among the events heard. */
    private static Set<String> reporters(List<Event> heard, String containerId, String reason) {
        Set<String> by = new HashSet<>();
        for (Event e : heard) {
            if (e.origin().equals(containerId) && ContainerAgent.STATE_DOWN.equals(e.payload().get("state"))
                    && reason.equals(e.payload().get("reason"))) {
                by.add((String) e.payload().get("reported-by"));
            }
        }
        return by;
    }

    @Test
    void threeContainersSeeEachOtherAndDropOneKilledWithSigkillPublishingItsContainerDownEvent() throws Exception {
        Container observer = observer(new AgentSettings(HEARTBEAT, PEER_TIMEOUT));
        ContainerAgent observerAgent = observer.agent().orElseThrow();
        List<Event> containerEvents = new CopyOnWriteArrayList<>();
        EventSubscriber subscriber = EventSubscriber.start(observer, EventFilter.byType(
                EventType.CONTAINER_LIFECYCLE), containerEvents::add);
        Process caller = observer.newClient("agent-it");

        List<ScriptProcess> ccs = ionCcs(3);
        List<String> ids = ccs.stream().map(ContainerAgentIT::idOf).toList();

        awaitWithin(SEE_EACH_OTHER, "the three containers and the observer know each other", () -> {
            for (String id : ids) {
                Set<String> expected = new HashSet<>(ids);
                expected.remove(id);
                expected.add(observer.id());
                if (!peersOf(caller, id).equals(expected)) {
                    return false;
                }
            }
            return observerAgent.peers().stream().map(PeerInfo::containerId).collect(Collectors.toSet())
                    .equals(Set.copyOf(ids));
        });

        String victim = ids.get(0);
        List<String> survivors = ids.subList(1, 3);
        ccs.get(0).kill();

        awaitWithin(DROP_LIMIT, "the survivors and the observer dropped " + victim, () ->
                observerAgent.peer(victim).isEmpty()
                        && survivors.stream().noneMatch(s -> peersOf(caller, s).contains(victim)));
        Set<String> reporters = new HashSet<>(survivors);
        reporters.add(observer.id());
        awaitWithin(DROP_LIMIT, "the survivors and the observer published the container life-cycle event DOWN of "
                + victim + " with reason timeout", () -> reporters(containerEvents, victim,
                        ContainerAgent.REASON_TIMEOUT).containsAll(reporters));
        subscriber.close();
    }

    @Test
    void spawnThroughTheAgentStartsHelloOnTheChosenContainerAndItAnswers() throws Exception {
        List<ScriptProcess> ccs = ionCcs(2);
        String chosen = idOf(ccs.get(1));
        String chosenAgent = ccs.get(1).awaitValue("agent:", START);
        Process caller = observer(null).newClient("agent-it");

        Message spawned = caller.rpc(chosenAgent, "spawn", Map.of("type", "hello"), RPC);
        ProcessId helloId = ProcessId.parse((String) spawned.contentAs(Map.class).get("process-id"));
        Message greeting = caller.rpc(sysname + ".hello", "hello", "agent", RPC);

        assertEquals(chosen + ".agent", chosenAgent);
        assertEquals(chosen, helloId.containerId());
        assertEquals("Hello there, agent", greeting.content().orElse(null));
        assertEquals(helloId.toString(), greeting.sender());
    }
}
