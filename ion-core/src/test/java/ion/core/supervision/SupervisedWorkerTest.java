package ion.core.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.messaging.Message;
import ion.core.messaging.Scope;
import ion.core.messaging.Status;
import ion.core.process.ProcessId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SupervisedWorkerTest extends SupervisionTestSupport {

    @Test
    void aServiceThatCrashesMidMessageGetsThatMessageAgainAfterItsRestartAndTheCallerGetsTheAnswer() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> convIds = new CopyOnWriteArrayList<>();
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE), List.of(
                ChildSpec.of("flaky", () -> new FlakyService(attempts, convIds))));
        container.spawn(sup);
        ProcessId first = running(sup, "flaky");

        Message answer = client.rpc(client.qualify(FlakyService.NAME, Scope.SYSTEM), "work", "job-7",
                Duration.ofSeconds(5));

        assertEquals(Status.OK, answer.status());
        assertEquals("done job-7", answer.contentAs(String.class));
        assertEquals(2, attempts.get());
        assertEquals(2, convIds.size());
        assertEquals(convIds.get(0), convIds.get(1), "the same message both times");
        assertEquals(List.of("flaky"), sup.restartedIds());
        assertEquals(first, sup.restarts.get(0).previous().orElseThrow());
        assertEquals(running(sup, "flaky"), sup.restarts.get(0).current());
    }

    @Test
    void messagesQueuedForACrashedWorkerWaitOnItsQueueForTheRestartedOne() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> convIds = new CopyOnWriteArrayList<>();
        RecordingSupervisor sup = new RecordingSupervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE), List.of(
                ChildSpec.of("flaky", () -> new FlakyService(attempts, convIds))));
        container.spawn(sup);
        String service = client.qualify(FlakyService.NAME, Scope.SYSTEM);

        var answers = List.of(
                client.rpcAsync(service, "work", "a", Duration.ofSeconds(5)),
                client.rpcAsync(service, "work", "b", Duration.ofSeconds(5)),
                client.rpcAsync(service, "work", "c", Duration.ofSeconds(5)));

        List<String> contents = answers.stream().map(f -> f.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join()
                .contentAs(String.class)).toList();
        assertEquals(List.of("done a", "done b", "done c"), contents);
        assertEquals(4, attempts.get(), "one failed attempt, then each job once");
        assertEquals(1, sup.restarts.size());
    }
}
