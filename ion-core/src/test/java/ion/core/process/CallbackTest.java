package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.Transport;
import ion.core.messaging.spi.TransportListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallbackTest extends ProcessTestSupport {

    /** Passes a call along a path of process ids and reports the path it took; logs what it handles. */
    static class Hop extends Process {
        final List<String> log = new CopyOnWriteArrayList<>();
        final String label;

        Hop(String label) {
            this.label = label;
        }

        @Op("call")
        String call(List<String> path) {
            log.add("call:start");
            try {
                if (path.isEmpty()) {
                    return label;
                }
                Message reply = rpc(path.get(0), "call", path.subList(1, path.size()), Duration.ofSeconds(5));
                return label + ">" + reply.contentAs(String.class);
            } finally {
                log.add("call:end");
            }
        }

        @Op("ping")
        String ping() {
            log.add("ping");
            return "pong";
        }
    }

    /** Answers "call" only once released. */
    static class Gate extends Process {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Op("call")
        String call() throws InterruptedException {
            entered.countDown();
            await(release);
            return "gate";
        }
    }

    @Test
    void callBackThroughTwoOtherProcessesIsServedWhileTheCallerWaits() {
        Container c = container();
        Hop a = new Hop("A");
        String idA = c.spawn(a).toString();
        String idB = c.spawn(new Hop("B")).toString();
        String idC = c.spawn(new Hop("C")).toString();

        Message reply = c.newClient("client").rpc(idA, "call", List.of(idB, idC, idA));

        assertEquals("A>B>C>A", reply.contentAs(String.class));
        assertEquals(List.of("call:start", "call:start", "call:end", "call:end"), a.log);
    }

    @Test
    void callBacksNestTwoLevelsDeep() {
        Container c = container();
        Hop a = new Hop("A");
        String idA = c.spawn(a).toString();
        String idB = c.spawn(new Hop("B")).toString();
        String idC = c.spawn(new Hop("C")).toString();

        Message reply = c.newClient("client").rpc(idA, "call", List.of(idB, idA, idC, idA));

        assertEquals("A>B>A>C>A", reply.contentAs(String.class));
        assertEquals(3, a.log.stream().filter("call:start"::equals).count());
    }

    @Test
    void requestFromAnUnrelatedChainWaitsUntilTheBlockedHandlerReturns() throws Exception {
        Container c = container();
        Hop a = new Hop("A");
        String idA = c.spawn(a).toString();
        Gate gate = new Gate();
        String idGate = c.spawn(gate).toString();
        CompletableFuture<Message> blocked = c.newClient("first").rpcAsync(idA, "call", List.of(idGate),
                Duration.ofSeconds(5));
        await(gate.entered);

        CompletableFuture<Message> unrelated = c.newClient("second").rpcAsync(idA, "ping", null,
                Duration.ofSeconds(5));
        gate.release.countDown();

        assertEquals("A>gate", valueOf(blocked).contentAs(String.class));
        assertEquals("pong", valueOf(unrelated).contentAs(String.class));
        assertEquals(List.of("call:start", "call:end", "ping"), a.log);
    }

    @Test
    void callBackIntoAProcessBlockedInAnUnrelatedChainWaitsItsTurn() throws Exception {
        Container c = container();
        Hop a = new Hop("A");
        String idA = c.spawn(a).toString();
        Hop b = new Hop("B");
        String idB = c.spawn(b).toString();
        Gate gate = new Gate();
        String idGate = c.spawn(gate).toString();
        CompletableFuture<Message> aBlocked = c.newClient("first").rpcAsync(idA, "call", List.of(idGate),
                Duration.ofSeconds(5));
        await(gate.entered);

        CompletableFuture<Message> viaB = c.newClient("second").rpcAsync(idB, "call", List.of(idA),
                Duration.ofSeconds(5));
        gate.release.countDown();

        assertEquals("A>gate", valueOf(aBlocked).contentAs(String.class));
        assertEquals("B>A", valueOf(viaB).contentAs(String.class));
        assertEquals(List.of("call:start", "call:end", "call:start", "call:end"), a.log);
    }

    /**
     * Lets a publish from one process to another return only after the second has published a message back, so
     * that the call-back reaches the first before its own publish has returned.
     */
    static final class CallBackFirst implements Transport {
        private final Transport delegate;
        private final CountDownLatch calledBack = new CountDownLatch(1);
        volatile String caller = "";
        volatile String callee = "";

        CallBackFirst(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void publish(String exchange, String routingKey, Message message) {
            delegate.publish(exchange, routingKey, message);
            if (message.sender().equals(callee) && routingKey.equals(caller)) {
                calledBack.countDown();
            } else if (message.sender().equals(caller) && routingKey.equals(callee)) {
                try {
                    calledBack.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public void declareExchange(String name, boolean durable, boolean autoDelete) {
            delegate.declareExchange(name, durable, autoDelete);
        }

        @Override
        public void deleteExchange(String name) {
            delegate.deleteExchange(name);
        }

        @Override
        public long messageCount(String queue) {
            return delegate.messageCount(queue);
        }

        @Override
        public String declareQueue(QueueSpec spec) {
            return delegate.declareQueue(spec);
        }

        @Override
        public void bind(String queue, String exchange, String bindingKey) {
            delegate.bind(queue, exchange, bindingKey);
        }

        @Override
        public void unbind(String queue, String exchange, String bindingKey) {
            delegate.unbind(queue, exchange, bindingKey);
        }

        @Override
        public void deleteQueue(String queue) {
            delegate.deleteQueue(queue);
        }

        @Override
        public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
            return delegate.consume(queue, options, handler);
        }

        @Override
        public void addListener(TransportListener listener) {
            delegate.addListener(listener);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void callBackArrivingBeforeTheCallerStartedWaitingIsStillServed() {
        List<CallBackFirst> transports = new CopyOnWriteArrayList<>();
        Container c = container(quickShutdown(), maxSize -> {
            CallBackFirst t = new CallBackFirst(broker.connect(maxSize));
            transports.add(t);
            return t;
        });
        String idA = c.spawn(new Hop("A")).toString();
        String idB = c.spawn(new Hop("B")).toString();
        transports.get(0).caller = idA;
        transports.get(0).callee = idB;

        Message reply = c.newClient("client").rpc(idA, "call", List.of(idB, idA));

        assertEquals("A>B>A", reply.contentAs(String.class));
    }
}
