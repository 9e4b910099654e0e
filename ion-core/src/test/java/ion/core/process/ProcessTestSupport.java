package ion.core.process;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.TransportFactory;
import ion.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-JVM broker per test, containers on it, and helpers to wait and to talk to processes raw. */
abstract class ProcessTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);

    final List<Container> containers = new ArrayList<>();
    LocalBroker broker;
    String sysname;

    @BeforeEach
    void newBroker() {
        broker = new LocalBroker("proc-test");
        sysname = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeContainers() {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
    }

    Container container() {
        return container(ProcessSettings.defaults().withRpcTimeout(Duration.ofSeconds(5)));
    }

    Container container(ProcessSettings settings) {
        return container(settings, broker::connect);
    }

    Container container(ProcessSettings settings, TransportFactory transports) {
        Container c = Container.start(ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(transports)
                .withTypes(ProcessTypes.empty())
                .withProcessSettings(settings));
        containers.add(c);
        return c;
    }

    /** Settings whose shutdown timeout is short, so that a missed wake-up shows as a wrong result, not a hang. */
    static ProcessSettings quickShutdown() {
        return new ProcessSettings(Duration.ofSeconds(5), false, ProcessSettings.DEFAULT_PREFETCH,
                ProcessSettings.DEFAULT_WORKER_QUEUE_EXPIRY, Duration.ofSeconds(2));
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for a latch");
        }
    }

    /** The exception a future failed with, waiting at most {@link #WAIT}. */
    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object value = future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("expected a failure but got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the future neither completed nor failed in " + WAIT, e);
        }
    }

    /** The value of a future, waiting at most {@link #WAIT}. */
    static <T> T valueOf(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A queue bound on the container's exchange under a name of its own, recording everything sent to it. */
    static final class Probe implements DeliveryHandler {
        final String name;
        final LinkedBlockingQueue<Message> received = new LinkedBlockingQueue<>();
        private final Container container;

        Probe(Container container) {
            this.container = container;
            this.name = "probe-" + UUID.randomUUID().toString().substring(0, 8);
            String queue = container.transport().declareQueue(QueueSpec.fanoutQueue());
            container.transport().bind(queue, container.options().exchange(), name);
            container.transport().consume(queue, new ConsumeOptions(100, true), this);
        }

        /** Publishes a message as is to a receiver name. */
        void publish(String routingKey, Message message) {
            container.transport().publish(container.options().exchange(), routingKey, message);
        }

        /** A request from this probe with the usual headers; adjust it with the builder before building. */
        Message.Builder request(String to, String op, Object content) {
            return Message.builder()
                    .header(HeaderNames.SENDER, name)
                    .header(HeaderNames.RECEIVER, to)
                    .header(HeaderNames.REPLY_TO, name)
                    .header(HeaderNames.CONV_ID, name + "#" + UUID.randomUUID())
                    .header(HeaderNames.CONV_SEQ, 1L)
                    .header(HeaderNames.PROTOCOL, "rpc")
                    .header(HeaderNames.OP, op)
                    .content(content);
        }

        /** The next message to arrive, waiting at most {@link #WAIT}. */
        Message next() throws InterruptedException {
            Message m = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing arrived at " + name + " within " + WAIT);
            }
            return m;
        }

        @Override
        public void onDelivery(Delivery delivery) {
            received.add(delivery.message());
            delivery.ack();
        }

        @Override
        public void onMalformed(String queue, MalformedMessageException problem) {
            throw new AssertionError("the in-JVM broker delivered malformed bytes", problem);
        }
    }

    /** Echoes, records, fails, and blocks on request. */
    static class Echo extends Process {
        final List<Object> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Op("echo")
        Object echo(Message m) {
            Object c = m.content().orElse(null);
            seen.add(c);
            return c;
        }

        @Op("record")
        void record(Object content) {
            seen.add(content);
        }

        @Op("boom")
        void boom(String content) {
            seen.add("boom");
            throw new IllegalArgumentException("boom: " + content);
        }

        @Op("block")
        String block(Object content) throws InterruptedException {
            entered.countDown();
            await(release);
            seen.add(content);
            return "unblocked";
        }
    }
}
