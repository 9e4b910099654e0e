package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailFastTest extends ProcessTestSupport {

    @Test
    void withFailFastAThrowingHandlerStillRepliesThenTheProcessTerminates() throws Exception {
        Container c = container(ProcessSettings.defaults().withFailFast(true));
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        CompletableFuture<?> failing = client.rpcAsync(id.toString(), "boom", "now", Duration.ofSeconds(5));
        client.send(id.toString(), "record", "right behind");

        ReceivedError e = assertInstanceOf(ReceivedError.class, failureOf(failing));
        assertEquals(ResponseCodes.RECEIVER_ERROR, e.responseCode());
        assertTrue(e.exceptionText().contains("boom: now"), e.exceptionText());
        await("the process terminated itself", () -> c.processes().find(id).isEmpty());
        assertEquals(ProcessState.TERMINATED, echo.state());
        assertFalse(broker.hasQueue(id.toString()));
        assertThrows(RpcTimeoutException.class,
                () -> client.rpc(id.toString(), "echo", "later", Duration.ofMillis(200)));
        assertEquals(List.of("boom"), echo.seen, "nothing after the failure was handled");
    }

    @Test
    void withoutFailFastTheMessageRightBehindAFailureIsHandled() throws Exception {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        CompletableFuture<?> failing = client.rpcAsync(id.toString(), "boom", "now", Duration.ofSeconds(5));
        client.send(id.toString(), "record", "right behind");

        assertInstanceOf(ReceivedError.class, failureOf(failing));
        assertEquals("later", client.rpc(id.toString(), "echo", "later").contentAs(String.class));
        assertEquals(List.of("boom", "right behind", "later"), echo.seen);
        assertEquals(ProcessState.ACTIVE, echo.state());
    }

    @Test
    void aCrashByFailFastIsTheExitReasonWithTheHandlersException() throws Exception {
        Container c = container(ProcessSettings.defaults().withFailFast(true));
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        failureOf(client.rpcAsync(id.toString(), "boom", "why", Duration.ofSeconds(5)));

        await("the process terminated itself", () -> c.processes().find(id).isEmpty());
        ExitReason.Crashed crashed = assertInstanceOf(ExitReason.Crashed.class, echo.exitReason().orElseThrow());
        assertInstanceOf(IllegalArgumentException.class, crashed.cause());
        assertEquals("boom: why", crashed.cause().getMessage());
    }

    @Test
    void failFastSetAtSpawnOverridesTheContainerSettingEitherWay() throws Exception {
        Container lenient = container();
        Echo strict = new Echo();
        ProcessId strictId = lenient.processes().spawn(strict, SpawnOptions.defaults().withFailFast(true));
        Process client = lenient.newClient("client");
        assertTrue(strict.isFailFast());

        assertInstanceOf(ReceivedError.class, failureOf(client.rpcAsync(strictId.toString(), "boom", "x",
                Duration.ofSeconds(5))));
        await("the fail-fast process terminated", () -> lenient.processes().find(strictId).isEmpty());

        Container failing = container(ProcessSettings.defaults().withFailFast(true));
        Echo tolerant = new Echo();
        ProcessId tolerantId = failing.processes().spawn(tolerant, SpawnOptions.defaults().withFailFast(false));
        Process other = failing.newClient("other");
        assertFalse(tolerant.isFailFast());

        assertInstanceOf(ReceivedError.class, failureOf(other.rpcAsync(tolerantId.toString(), "boom", "y",
                Duration.ofSeconds(5))));
        assertEquals("still here", other.rpc(tolerantId.toString(), "echo", "still here").contentAs(String.class));
        assertEquals(ProcessState.ACTIVE, tolerant.state());
    }

    @Test
    void aFailFastWorkerThatThrowsLeavesTheMessageOnItsQueueForTheNextInstanceAndSendsNoError() throws Exception {
        Container c = container(ProcessSettings.defaults().withFailFast(true));
        AtomicInteger attempts = new AtomicInteger();
        Worker first = new Worker(attempts);
        ProcessId firstId = c.spawn(first);
        Process client = c.newClient("client");
        String jobs = client.qualify(Worker.QUEUE, Scope.SYSTEM);

        CompletableFuture<Message> answer = client.rpcAsync(jobs, "work", "job-1", Duration.ofSeconds(5));

        await("the worker crashed", () -> c.processes().find(firstId).isEmpty());
        assertTrue(first.exitReason().orElseThrow().isCrash());
        assertEquals(Optional.of(1), broker.messageCount(jobs), "the message is back on the worker queue");
        assertFalse(answer.isDone(), "the caller got no ERROR reply");

        Worker second = new Worker(attempts);
        c.spawn(second);

        assertEquals("done job-1", valueOf(answer).contentAs(String.class));
        assertEquals(2, attempts.get());
        assertEquals(List.of("job-1"), first.seen);
        assertEquals(List.of("job-1"), second.seen);
    }

    /** Consumes the system-scoped worker queue {@value #QUEUE}; its first attempt at any job throws. */
    static final class Worker extends Process {
        static final String QUEUE = "jobs";
        final List<Object> seen = new CopyOnWriteArrayList<>();
        private final AtomicInteger attempts;

        Worker(AtomicInteger attempts) {
            this.attempts = attempts;
        }

        @Override
        protected void onInit() {
            addReceiver(ReceiverKind.WORKER, QUEUE, Scope.SYSTEM);
        }

        @Op("work")
        String work(String job) {
            seen.add(job);
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt at " + job + " fails");
            }
            return "done " + job;
        }
    }
}
