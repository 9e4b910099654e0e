package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TerminationTest extends ProcessTestSupport {

    /** Makes an RPC nobody answers and records how it ended. */
    static class Waiter extends Process {
        final CountDownLatch calling = new CountDownLatch(1);
        final CompletableFuture<Throwable> outcome = new CompletableFuture<>();

        @Op("wait")
        void waitForever(String target) {
            calling.countDown();
            try {
                rpc(target, "anything", null, Duration.ofSeconds(60));
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
                throw e;
            }
        }
    }

    @Test
    void requestsHeldWhileReadyGetAnInvalidStateErrorOnTerminate() throws Exception {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.processes().spawn(echo, SpawnOptions.defaults().withoutActivation());
        Process client = c.newClient("client");
        List<CompletableFuture<?>> held = new ArrayList<>();
        for (long i = 0; i < ProcessSettings.DEFAULT_PREFETCH + 16; i++) {
            held.add(client.rpcAsync(id.toString(), "echo", i, Duration.ofSeconds(5)));
        }

        echo.terminate();

        for (CompletableFuture<?> f : held) {
            ReceivedError e = assertInstanceOf(ReceivedError.class, failureOf(f));
            assertEquals(ResponseCodes.INVALID_STATE, e.responseCode());
        }
        assertEquals(List.of(), echo.seen);
    }

    @Test
    void handlerBlockedInAnRpcGetsProcessTerminatedExceptionWhenTerminated() throws Exception {
        Container c = container(quickShutdown());
        Waiter waiter = new Waiter();
        ProcessId id = c.spawn(waiter);
        Process client = c.newClient("client");
        CompletableFuture<?> request = client.rpcAsync(id.toString(), "wait",
                client.qualify("nobody", Scope.SYSTEM), Duration.ofSeconds(5));
        await(waiter.calling);

        waiter.terminate();

        assertInstanceOf(ProcessTerminatedException.class, valueOf(waiter.outcome));
        assertInstanceOf(ReceivedError.class, failureOf(request), "the caller got an answer, not a timeout");
    }

    @Test
    void pendingRpcsFailWithProcessTerminatedException() throws Exception {
        Container c = container();
        Process client = c.newClient("client");
        CompletableFuture<?> pending = client.rpcAsync(client.qualify("nobody", Scope.SYSTEM), "anything", null,
                Duration.ofSeconds(60));

        client.terminate();

        assertInstanceOf(ProcessTerminatedException.class, failureOf(pending));
        assertThrows(ProcessTerminatedException.class, () -> client.send("anyone", "op", null));
    }

    @Test
    void ownQueueIsDeletedButASharedWorkerQueueStays() {
        Container c = container();
        DeactivationTest.Listener worker = new DeactivationTest.Listener(ReceiverKind.WORKER, "pool");
        ProcessId id = c.spawn(worker);
        String pool = worker.qualify("pool", Scope.SYSTEM);
        assertTrue(broker.hasQueue(id.toString()));

        worker.terminate();

        assertFalse(broker.hasQueue(id.toString()));
        assertTrue(broker.hasQueue(pool), "other workers may still join the shared queue");
    }

    @Test
    void requestToATerminatedProcessNeverReachesAHandler() {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");
        c.processes().terminate(id);

        MessagingException timedOut = assertThrows(RpcTimeoutException.class,
                () -> client.rpc(id.toString(), "echo", "late", Duration.ofMillis(300)));
        client.send(id.toString(), "record", "late too");

        assertTrue(timedOut.getMessage().contains(id.toString()), timedOut.getMessage());
        assertEquals(List.of(), echo.seen);
        assertTrue(c.processes().find(id).isEmpty());
    }

    @Test
    void requestQueuedBehindARunningHandlerGetsAnInvalidStateErrorWhileThatHandlerFinishes() throws Exception {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");
        CompletableFuture<Message> running = client.rpcAsync(id.toString(), "block", "first", Duration.ofSeconds(5));
        await(echo.entered);
        CompletableFuture<?> queued = client.rpcAsync(id.toString(), "echo", "queued", Duration.ofSeconds(5));

        CompletableFuture<Void> termination = CompletableFuture.runAsync(echo::terminate);
        await("the process is TERMINATED", () -> echo.state() == ProcessState.TERMINATED);
        echo.release.countDown();
        valueOf(termination);

        assertEquals("unblocked", valueOf(running).contentAs(String.class), "the running handler finished");
        ReceivedError e = assertInstanceOf(ReceivedError.class, failureOf(queued));
        assertEquals(ResponseCodes.INVALID_STATE, e.responseCode());
        assertEquals(List.of("first"), echo.seen);
    }

    @Test
    void workerMessageBeingHandledAtTerminationIsNotHandledAgainElsewhere() throws Exception {
        Container c = container();
        DeactivationTest.Listener first = new DeactivationTest.Listener(ReceiverKind.WORKER, "pool");
        first.workGate = new CountDownLatch(1);
        c.spawn(first);
        Process client = c.newClient("client");
        String pool = client.qualify("pool", Scope.SYSTEM);
        client.send(pool, "work", "job");
        await(first.workEntered);

        CompletableFuture<Void> termination = CompletableFuture.runAsync(first::terminate);
        await("the first worker is TERMINATED", () -> first.state() == ProcessState.TERMINATED);
        DeactivationTest.Listener second = new DeactivationTest.Listener(ReceiverKind.WORKER, "pool");
        c.spawn(second);
        first.workGate.countDown();
        valueOf(termination);
        client.send(pool, "work", "next");

        await("the second worker handled the next job", () -> second.work.contains("next"));
        assertEquals(List.of("job"), first.work);
        assertEquals(List.of("next"), second.work, "the job in hand at termination was not redelivered");
    }

    @Test
    void workerMessageArrivingWhileTerminationWaitsForAHandlerGoesToAnotherWorker() throws Exception {
        Container c = container(quickShutdown());
        DeactivationTest.Listener first = new DeactivationTest.Listener(ReceiverKind.WORKER, "pool");
        ProcessId firstId = c.spawn(first);
        Process client = c.newClient("client");
        String pool = client.qualify("pool", Scope.SYSTEM);
        client.send(firstId.toString(), "block", "own");
        await(first.entered);

        CompletableFuture<Void> termination = CompletableFuture.runAsync(first::terminate);
        await("the first worker is TERMINATED", () -> first.state() == ProcessState.TERMINATED);
        client.send(pool, "work", "job");
        DeactivationTest.Listener second = new DeactivationTest.Listener(ReceiverKind.WORKER, "pool");
        c.spawn(second);
        first.release.countDown();
        valueOf(termination);

        await("the second worker got the job", () -> second.work.equals(List.of("job")));
        assertEquals(List.of(), first.work);
        assertEquals(List.of("own"), first.seen, "the running handler finished, not interrupted by a timeout");
    }
}
