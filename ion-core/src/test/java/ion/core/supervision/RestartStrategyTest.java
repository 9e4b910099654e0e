package ion.core.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.process.ProcessId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartStrategyTest extends SupervisionTestSupport {

    private RecordingSupervisor supervise(RestartStrategy strategy) {
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(strategy)
                .withIntensity(5, Duration.ofMinutes(1)), List.of(
                        ChildSpec.of("a", Worker::new), ChildSpec.of("b", Worker::new), ChildSpec.of("c", Worker::new)));
        container.spawn(sup);
        return sup;
    }

    @Test
    void childrenStartInSpecificationOrderAsChildrenOfTheSupervisor() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE);

        List<ProcessId> ids = List.of(running(sup, "a"), running(sup, "b"), running(sup, "c"));

        assertEquals(ids, sup.childIds());
        assertTrue(ids.get(0).number() < ids.get(1).number() && ids.get(1).number() < ids.get(2).number());
        assertEquals("b", container.processes().find(ids.get(1)).orElseThrow().name());
        assertEquals(ids.get(1).toString(), client.rpc(ids.get(1).toString(), "ping", null)
                .contentAs(String.class));
    }

    @Test
    void oneForOneRestartsOnlyTheCrashedChild() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE);
        ProcessId a = running(sup, "a");
        ProcessId b = running(sup, "b");
        ProcessId c = running(sup, "c");

        crash(b);

        await("b was restarted", () -> sup.restarts.size() == 1);
        assertEquals(List.of("b"), sup.restartedIds());
        assertEquals(a, running(sup, "a"));
        assertEquals(c, running(sup, "c"));
        ProcessId newB = running(sup, "b");
        assertNotEquals(b, newB);
        assertEquals(1, status(sup, "b").restarts());
        assertEquals(0, status(sup, "a").restarts());
        assertTrue(container.processes().find(b).isEmpty());
        assertEquals(newB.toString(), client.rpc(newB.toString(), "ping", null).contentAs(String.class));
        ChildRestart restart = sup.restarts.get(0);
        assertEquals(b, restart.previous().orElseThrow());
        assertEquals("b", restart.trigger());
        assertTrue(restart.reason().isCrash());
    }

    @Test
    void oneForAllRestartsEveryChildInSpecificationOrder() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ALL);
        ProcessId a = running(sup, "a");
        ProcessId b = running(sup, "b");
        ProcessId c = running(sup, "c");

        crash(b);

        await("all were restarted", () -> sup.restarts.size() == 3);
        assertEquals(List.of("a", "b", "c"), sup.restartedIds());
        ProcessId newA = running(sup, "a");
        ProcessId newB = running(sup, "b");
        ProcessId newC = running(sup, "c");
        assertTrue(newA.number() > c.number(), "new ids for all");
        assertTrue(newA.number() < newB.number() && newB.number() < newC.number(), "started in order");
        for (ProcessId old : List.of(a, b, c)) {
            assertTrue(container.processes().find(old).isEmpty(), old + " is gone");
        }
        assertEquals(List.of(newA, newB, newC), sup.childIds());
        assertTrue(sup.restarts.stream().allMatch(r -> r.trigger().equals("b")));
    }

    @Test
    void restForOneRestartsTheCrashedChildAndThoseAfterIt() {
        RecordingSupervisor sup = supervise(RestartStrategy.REST_FOR_ONE);
        ProcessId a = running(sup, "a");
        ProcessId b = running(sup, "b");
        ProcessId c = running(sup, "c");

        crash(b);

        await("b and c were restarted", () -> sup.restarts.size() == 2);
        assertEquals(List.of("b", "c"), sup.restartedIds());
        assertEquals(a, running(sup, "a"));
        ProcessId newB = running(sup, "b");
        ProcessId newC = running(sup, "c");
        assertTrue(newB.number() > c.number() && newB.number() < newC.number());
        assertTrue(container.processes().find(b).isEmpty());
        assertTrue(container.processes().find(c).isEmpty());
        assertEquals(0, status(sup, "a").restarts());
    }

    @Test
    void restForOneOnTheLastChildRestartsOnlyIt() {
        RecordingSupervisor sup = supervise(RestartStrategy.REST_FOR_ONE);
        ProcessId a = running(sup, "a");
        ProcessId b = running(sup, "b");

        crash(running(sup, "c"));

        await("c was restarted", () -> sup.restarts.size() == 1);
        assertEquals(List.of("c"), sup.restartedIds());
        assertEquals(a, running(sup, "a"));
        assertEquals(b, running(sup, "b"));
    }
}
