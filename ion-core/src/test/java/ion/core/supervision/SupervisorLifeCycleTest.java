package ion.core.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.process.ExitReason;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessInfo;
import ion.core.process.ProcessStartException;
import ion.core.process.ProcessState;
import ion.core.process.ProcessType;
import ion.core.process.ProcessTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorLifeCycleTest extends SupervisionTestSupport {

    @Test
    void terminatingTheSupervisorTerminatesEveryChildAndRestartsNothing() {
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ALL), List.of(
                ChildSpec.of("a", Worker::new), ChildSpec.of("b", Worker::new)));
        ProcessId supId = container.spawn(sup);
        List<ProcessId> kids = sup.childIds();

        container.processes().terminate(supId);

        assertEquals(ExitReason.normal(), sup.exitReason().orElseThrow());
        for (ProcessId kid : kids) {
            assertTrue(container.processes().find(kid).isEmpty(), kid + " was terminated");
        }
        assertEquals(List.of(), sup.restarts);
        assertTrue(sup.childStatus().stream().allMatch(s -> s.process().isEmpty()));
        assertEquals(List.of("client"), container.processes().list().stream().map(ProcessInfo::name).toList());
    }

    @Test
    void aChildThatCannotStartFailsTheSupervisorsStartAndTheOthersAreTerminated() {
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE), List.of(
                ChildSpec.of("fine", Worker::new), ChildSpec.of("broken", Broken::new)));

        ProcessStartException e = assertThrows(ProcessStartException.class, () -> container.spawn(sup));

        assertTrue(e.getMessage().contains("cannot start"), e.getMessage());
        assertEquals(ProcessState.TERMINATED, sup.state());
        assertInstanceOf(ExitReason.Crashed.class, sup.exitReason().orElseThrow());
        assertEquals(List.of("client"), container.processes().list().stream().map(ProcessInfo::name).toList());
    }

    @Test
    void aChildCanBeARegisteredProcessTypeWithSpawnArguments() {
        Container typed = container(ProcessTypes.empty().with(new ProcessType("worker", "a test worker",
                Worker::new)));
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE), List.of(
                ChildSpec.ofType("w", "worker").withArgs(Map.of("colour", "blue"))));
        typed.spawn(sup);
        ProcessId w = running(sup, "w");

        Process child = typed.processes().find(w).orElseThrow();
        assertInstanceOf(Worker.class, child);
        assertEquals("w", child.name());
        assertEquals(Map.of("colour", "blue"), child.spawnArgs());
        assertTrue(child.isFailFast(), "supervised children let it crash");
    }

    @Test
    void specificationsRejectWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new Supervisor(SupervisorSpec.of(
                RestartStrategy.ONE_FOR_ONE), List.of(ChildSpec.of("x", Worker::new), ChildSpec.of("x",
                        Worker::new))));
        assertThrows(IllegalArgumentException.class, () -> SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(-1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> ChildSpec.of(" ", Worker::new));
    }

    /** Fails to initialize. */
    static final class Broken extends Process {
        @Override
        protected void onInit() {
            throw new IllegalStateException("cannot start");
        }
    }
}
