package ion.core.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.process.ExitReason;
import ion.core.process.ProcessId;
import ion.core.process.ProcessState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EscalationTest extends SupervisionTestSupport {

    private final List<RecordingSupervisor> inners = new CopyOnWriteArrayList<>();

    /** A supervisor allowing one restart a minute, of two workers. */
    private RecordingSupervisor newInner() {
        RecordingSupervisor inner = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(1, Duration.ofMinutes(1)), List.of(
                        ChildSpec.of("w1", Worker::new), ChildSpec.of("w2", Worker::new)));
        inners.add(inner);
        return inner;
    }

    @Test
    void moreCrashesThanTheIntensityAllowsEscalateToTheParentSupervisor() {
        RecordingSupervisor outer = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(3, Duration.ofMinutes(1)), List.of(
                        ChildSpec.of("inner", this::newInner), ChildSpec.of("sibling", Worker::new)));
        container.spawn(outer);
        ProcessId sibling = running(outer, "sibling");
        RecordingSupervisor first = inners.get(0);
        ProcessId firstId = running(outer, "inner");
        ProcessId w1 = running(first, "w1");
        ProcessId w2 = running(first, "w2");

        crash(w1);
        await("the inner supervisor restarted w1", () -> first.restarts.size() == 1);
        ProcessId w1Again = running(first, "w1");
        crash(w1Again);

        await("the outer supervisor restarted the inner one", () -> outer.restarts.size() == 1);
        assertEquals(ProcessState.TERMINATED, first.state());
        ExitReason.Crashed crashed = assertInstanceOf(ExitReason.Crashed.class, first.exitReason().orElseThrow());
        RestartIntensityExceededException cause = assertInstanceOf(RestartIntensityExceededException.class,
                crashed.cause());
        assertEquals("w1", cause.childId());
        assertEquals("crash " + w1Again, cause.getCause().getMessage());
        for (ProcessId worker : List.of(w1, w1Again, w2)) {
            assertTrue(container.processes().find(worker).isEmpty(), worker + " was terminated");
        }
        assertTrue(first.childStatus().stream().allMatch(s -> s.process().isEmpty()));

        ChildRestart escalated = outer.restarts.get(0);
        assertEquals("inner", escalated.childId());
        assertEquals(firstId, escalated.previous().orElseThrow());
        assertEquals(crashed, escalated.reason());
        RecordingSupervisor second = inners.get(1);
        assertEquals(running(outer, "inner"), second.id());
        assertEquals(2, second.childStatus().stream().filter(s -> s.process().isPresent()).count());
        assertEquals(sibling, running(outer, "sibling"), "one_for_one left the sibling alone");
    }

    @Test
    void aSupervisorWithoutParentThatGivesUpTerminatesItsChildrenAndCrashes() {
        RecordingSupervisor sup = newInner();
        ProcessId supId = container.spawn(sup);
        ProcessId w2 = running(sup, "w2");

        crash(running(sup, "w1"));
        await("w1 was restarted", () -> sup.restarts.size() == 1);
        crash(running(sup, "w1"));

        await("the supervisor is gone", () -> container.processes().find(supId).isEmpty());
        assertTrue(sup.exitReason().orElseThrow().isCrash());
        assertTrue(container.processes().find(w2).isEmpty());
        assertEquals(List.of(), sup.childIds());
    }

    @Test
    void restartsOlderThanThePeriodNoLongerCount() {
        Duration period = Duration.ofMillis(20);
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(1, period), List.of(ChildSpec.of("w", Worker::new)));
        container.spawn(sup);

        for (int i = 1; i <= 3; i++) {
            ProcessId before = running(sup, "w");
            crash(before);
            int n = i;
            await("restart " + n, () -> sup.restarts.size() == n);
            long seen = System.nanoTime();
            assertNotEquals(before, running(sup, "w"));
            await("the period passed", () -> System.nanoTime() - seen > period.toNanos());
        }
        assertEquals(ProcessState.ACTIVE, sup.state());
    }

    @Test
    void aChildThatCannotBeRestartedMakesTheSupervisorGiveUpWithTheStartFailureAsCause() {
        AtomicInteger made = new AtomicInteger();
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(2, Duration.ofMinutes(1)), List.of(ChildSpec.of("once", () -> {
                    if (made.incrementAndGet() > 1) {
                        throw new IllegalStateException("no second instance");
                    }
                    return new Worker();
                })));
        ProcessId supId = container.spawn(sup);

        crash(running(sup, "once"));

        await("the supervisor is gone", () -> container.processes().find(supId).isEmpty());
        assertEquals(3, made.get(), "the first instance, then a failed start for each restart allowed");
        ExitReason.Crashed crashed = assertInstanceOf(ExitReason.Crashed.class, sup.exitReason().orElseThrow());
        assertEquals("no second instance", crashed.cause().getCause().getMessage());
        assertEquals(List.of(), sup.restarts);
    }
}
