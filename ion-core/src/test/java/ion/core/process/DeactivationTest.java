package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.container.Container;
import ion.core.messaging.Scope;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeactivationTest extends ProcessTestSupport {

    /** Listens on an extra name besides its own queue; its "work" handler can be made to block. */
    static class Listener extends Echo {
        final List<Object> work = new CopyOnWriteArrayList<>();
        final CountDownLatch workEntered = new CountDownLatch(1);
        volatile CountDownLatch workGate;
        private final ReceiverKind kind;
        private final String listenName;

        Listener(ReceiverKind kind, String listenName) {
            this.kind = kind;
            this.listenName = listenName;
        }

        @Override
        protected void onInit() {
            addReceiver(kind, listenName, Scope.SYSTEM);
        }

        @Op("work")
        void work(Object content) throws InterruptedException {
            workEntered.countDown();
            CountDownLatch gate = workGate;
            if (gate != null) {
                await(gate);
            }
            work.add(content);
        }
    }

    @Test
    void ownQueueMessagesSentWhileDeactivatedAreHandledInOrderAfterReactivation() throws Exception {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");
        int count = ProcessSettings.DEFAULT_PREFETCH * 2 + 3;

        echo.deactivate();
        for (long i = 0; i < count; i++) {
            client.send(id.toString(), "record", i);
        }
        Thread.sleep(100);
        assertEquals(List.of(), echo.seen, "nothing is handled while READY");

        echo.activate();

        await("every held message is handled", () -> echo.seen.size() == count);
        assertEquals(LongStream.range(0, count).boxed().toList(), echo.seen);
    }

    @Test
    void workerMessageHeldAtDeactivationGoesBackToTheQueueForAnotherWorker() throws Exception {
        Container c = container();
        Listener first = new Listener(ReceiverKind.WORKER, "pool");
        ProcessId firstId = c.spawn(first);
        Process client = c.newClient("client");
        String pool = client.qualify("pool", Scope.SYSTEM);
        client.send(firstId.toString(), "block", "own");
        await(first.entered);
        client.send(pool, "work", "job");

        CompletableFuture<Void> deactivation = CompletableFuture.runAsync(first::deactivate);
        await("the first worker is READY", () -> first.state() == ProcessState.READY);
        first.release.countDown();
        valueOf(deactivation);
        Listener second = new Listener(ReceiverKind.WORKER, "pool");
        c.spawn(second);

        await("the second worker got the job", () -> second.work.equals(List.of("job")));
        first.activate();
        client.rpc(firstId.toString(), "echo", "sync");
        assertEquals(List.of(), first.work, "the first worker never handles the job it gave back");
    }

    @Test
    void workerMessageBeingHandledAtDeactivationIsNotHandledAgainElsewhere() throws Exception {
        Container c = container();
        Listener first = new Listener(ReceiverKind.WORKER, "pool");
        first.workGate = new CountDownLatch(1);
        c.spawn(first);
        Process client = c.newClient("client");
        String pool = client.qualify("pool", Scope.SYSTEM);
        client.send(pool, "work", "job");
        await(first.workEntered);

        CompletableFuture<Void> deactivation = CompletableFuture.runAsync(first::deactivate);
        await("the first worker is READY", () -> first.state() == ProcessState.READY);
        Listener second = new Listener(ReceiverKind.WORKER, "pool");
        c.spawn(second);
        first.workGate.countDown();
        valueOf(deactivation);
        client.send(pool, "work", "next");

        await("the second worker handled the next job", () -> second.work.contains("next"));
        assertEquals(List.of("job"), first.work);
        assertEquals(List.of("next"), second.work, "the job in hand at deactivation was not redelivered");
    }

    @Test
    void fanoutReceiverWorksAgainAfterReactivation() {
        Container c = container();
        Listener listener = new Listener(ReceiverKind.FANOUT, "news");
        c.spawn(listener);
        Process client = c.newClient("client");
        String news = client.qualify("news", Scope.SYSTEM);
        client.send(news, "work", "before");
        await("the first item arrived", () -> listener.work.size() == 1);

        listener.deactivate();
        listener.activate();
        client.send(news, "work", "after");

        await("the item sent after reactivation arrived", () -> listener.work.size() == 2);
        assertEquals(List.of("before", "after"), listener.work);
        assertEquals(ProcessState.ACTIVE, listener.state());
    }
}
