package ion.core.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.process.ProcessId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartTypeTest extends SupervisionTestSupport {

    private RecordingSupervisor supervise(RestartStrategy strategy, RestartType type) {
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(strategy)
                .withIntensity(5, Duration.ofMinutes(1)), List.of(
                        ChildSpec.of("other", Worker::new),
                        ChildSpec.of("child", Worker::new).withRestart(type)));
        container.spawn(sup);
        return sup;
    }

    /** Waits until the supervisor has handled the end of {@code old}: a later message to it is answered after. */
    private void awaitHandled(RecordingSupervisor sup, ProcessId old) {
        await(old + " is gone", () -> container.processes().find(old).isEmpty());
        await("the supervisor noticed the end of " + old, () -> !old.equals(status(sup, "child").process()
                .orElse(null)));
    }

    @Test
    void aPermanentChildIsRestartedEvenAfterEndingNormally() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE, RestartType.PERMANENT);
        ProcessId child = running(sup, "child");

        client.rpc(child.toString(), "quit", null);

        await("the child was restarted", () -> sup.restarts.size() == 1);
        assertNotEquals(child, running(sup, "child"));
        assertFalse(sup.restarts.get(0).reason().isCrash());
    }

    @Test
    void aTransientChildEndingNormallyIsNotRestarted() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE, RestartType.TRANSIENT);
        ProcessId child = running(sup, "child");

        client.rpc(child.toString(), "quit", null);

        awaitHandled(sup, child);
        assertEquals(new ChildStatus("child", RestartType.TRANSIENT, Optional.empty(), 0), status(sup, "child"));
        assertEquals(List.of(), sup.restarts);
    }

    @Test
    void aTransientChildThatCrashesIsRestarted() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE, RestartType.TRANSIENT);
        ProcessId child = running(sup, "child");

        crash(child);

        await("the child was restarted", () -> sup.restarts.size() == 1);
        assertNotEquals(child, running(sup, "child"));
        assertEquals(1, status(sup, "child").restarts());
    }

    @Test
    void aTemporaryChildIsNeverRestarted() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ONE, RestartType.TEMPORARY);
        ProcessId child = running(sup, "child");

        crash(child);

        awaitHandled(sup, child);
        assertEquals(new ChildStatus("child", RestartType.TEMPORARY, Optional.empty(), 0), status(sup, "child"));
        assertEquals(List.of(), sup.restarts);
    }

    @Test
    void aTemporarySiblingIsTerminatedButNotStartedAgainByOneForAll() {
        RecordingSupervisor sup = supervise(RestartStrategy.ONE_FOR_ALL, RestartType.TEMPORARY);
        ProcessId other = running(sup, "other");
        ProcessId temporary = running(sup, "child");

        crash(other);

        await("the permanent child was restarted", () -> sup.restarts.size() == 1);
        assertEquals(List.of("other"), sup.restartedIds());
        assertTrue(container.processes().find(temporary).isEmpty());
        assertEquals(Optional.empty(), status(sup, "child").process());
    }
}
