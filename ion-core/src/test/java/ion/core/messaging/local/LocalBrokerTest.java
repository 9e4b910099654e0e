package ion.core.messaging.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalBrokerTest {
    private static final String EXCHANGE = "test.topic";
    private static final long MAX_SIZE = 1 << 20;

    private final List<LocalTransport> transports = new ArrayList<>();
    private LocalBroker broker;
    private LocalTransport transport;

    /** Records deliveries, acknowledging them only if told to. */
    static final class Recorder implements DeliveryHandler {
        final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        final boolean autoAck;

        Recorder(boolean autoAck) {
            this.autoAck = autoAck;
        }

        @Override
        public void onDelivery(Delivery delivery) {
            deliveries.add(delivery);
            if (autoAck) {
                delivery.ack();
            }
        }

        @Override
        public void onMalformed(String queue, MalformedMessageException problem) {
            throw new AssertionError(problem);
        }

        List<Object> contents() {
            return deliveries.stream().map(d -> d.message().content().orElse(null)).toList();
        }

        List<Boolean> redelivered() {
            return deliveries.stream().map(Delivery::redelivered).toList();
        }
    }

    @BeforeEach
    void connect() {
        broker = new LocalBroker("broker-test");
        transport = connection();
        transport.declareExchange(EXCHANGE, false, false);
    }

    @AfterEach
    void close() {
        transports.forEach(LocalTransport::close);
    }

    private LocalTransport connection() {
        LocalTransport t = broker.connect(MAX_SIZE);
        transports.add(t);
        return t;
    }

    private static QueueSpec shared(String name) {
        return new QueueSpec(name, false, false, false, Optional.empty());
    }

    private String queueBoundTo(String name, String... bindingKeys) {
        String queue = transport.declareQueue(shared(name));
        for (String key : bindingKeys) {
            transport.bind(queue, EXCHANGE, key);
        }
        return queue;
    }

    private void publish(String routingKey, Object content) {
        transport.publish(EXCHANGE, routingKey, Message.builder().op("test").content(content).build());
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(10), condition);
    }

    @Test
    void topicBindingsRouteByPatternAndDeliverEachMessageOncePerQueue() {
        String both = queueBoundTo("both", "sys.hello", "sys.*", "#");
        String words = queueBoundTo("words", "sys.#.reply");
        Recorder toBoth = new Recorder(true);
        Recorder toWords = new Recorder(true);
        transport.consume(both, new ConsumeOptions(10, false), toBoth);
        transport.consume(words, new ConsumeOptions(10, false), toWords);

        publish("sys.hello", 1L);
        publish("sys.a.b.reply", 2L);
        publish("other", 3L);

        assertEquals(List.of(1L, 2L, 3L), toBoth.contents());
        assertEquals(List.of(2L), toWords.contents());
    }

    @Test
    void consumerHoldsAtMostItsPrefetchUnacknowledged() {
        String q = queueBoundTo("q", "q");
        for (long i = 0; i < 10; i++) {
            publish("q", i);
        }
        Recorder r = new Recorder(false);

        transport.consume(q, new ConsumeOptions(2, false), r);

        assertEquals(List.of(0L, 1L), r.contents());
        assertEquals(8, broker.messageCount(q).orElseThrow());
        r.deliveries.peek().ack();
        assertEquals(List.of(0L, 1L, 2L), r.contents());
        assertEquals(7, broker.messageCount(q).orElseThrow());
    }

    @Test
    void rejectWithRequeueRedeliversTheMessageMarkedRedelivered() {
        String q = queueBoundTo("q", "q");
        Recorder r = new Recorder(false);
        transport.consume(q, new ConsumeOptions(1, false), r);
        publish("q", "once more");

        r.deliveries.peek().reject(true);

        assertEquals(List.of("once more", "once more"), r.contents());
        assertEquals(List.of(false, true), r.redelivered());
    }

    @Test
    void rejectWithoutRequeueDropsTheMessage() {
        String q = queueBoundTo("q", "q");
        Recorder r = new Recorder(false);
        transport.consume(q, new ConsumeOptions(1, false), r);
        publish("q", "dropped");
        publish("q", "next");

        r.deliveries.peek().reject(false);

        assertEquals(List.of("dropped", "next"), r.contents());
        assertEquals(List.of(false, false), r.redelivered());
        assertEquals(0, broker.messageCount(q).orElseThrow());
    }

    @Test
    void cancellingAConsumerRequeuesItsUnacknowledgedMessagesInOrder() {
        String q = queueBoundTo("q", "q");
        for (long i = 1; i <= 5; i++) {
            publish("q", i);
        }
        ConsumerHandle first = transport.consume(q, new ConsumeOptions(3, false), new Recorder(false));

        first.cancel();
        Recorder second = new Recorder(true);
        transport.consume(q, new ConsumeOptions(10, false), second);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), second.contents());
        assertEquals(List.of(true, true, true, false, false), second.redelivered());
    }

    @Test
    void cancelledConsumerGetsNoDeliveryThatWasAlreadyOnItsWay() throws Exception {
        String q = queueBoundTo("q", "q");
        publish("q", "first");
        publish("q", "second");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Object> seen = new ArrayList<>();
        LocalTransport other = connection();
        DeliveryHandler blocksOnFirst = new DeliveryHandler() {
            @Override
            public void onDelivery(Delivery delivery) {
                seen.add(delivery.message().content().orElseThrow());
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onMalformed(String queue, MalformedMessageException problem) {
                throw new AssertionError(problem);
            }
        };
        CompletableFuture<ConsumerHandle> consuming = CompletableFuture.supplyAsync(
                () -> other.consume(q, new ConsumeOptions(2, false), blocksOnFirst));
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        other.close();
        release.countDown();
        consuming.get(10, TimeUnit.SECONDS);

        assertEquals(List.of("first"), seen);
        Recorder next = new Recorder(true);
        transport.consume(q, new ConsumeOptions(10, false), next);
        assertEquals(List.of("first", "second"), next.contents());
    }

    /** Fails on every delivery with the given exception. */
    private static DeliveryHandler failingWith(java.util.function.Supplier<? extends Throwable> failure) {
        return new DeliveryHandler() {
            @Override
            public void onDelivery(Delivery delivery) {
                Throwable t = failure.get();
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                throw (Error) t;
            }

            @Override
            public void onMalformed(String queue, MalformedMessageException problem) {
                throw new AssertionError(problem);
            }
        };
    }

    @Test
    void consumerWhoseHandlerThrowsIsCancelledRatherThanFedTheMessageForever() throws Exception {
        String q = queueBoundTo("q", "q");
        transport.consume(q, new ConsumeOptions(1, false), failingWith(() -> new IllegalStateException("bug")));

        CompletableFuture.runAsync(() -> publish("q", "poison")).get(10, TimeUnit.SECONDS);

        assertEquals(1, broker.messageCount(q).orElseThrow(), "the message went back to the queue");
        Recorder healthy = new Recorder(true);
        transport.consume(q, new ConsumeOptions(1, false), healthy);
        assertEquals(List.of("poison"), healthy.contents());
        assertEquals(List.of(true), healthy.redelivered());
    }

    @Test
    void errorFromAHandlerNeitherReachesThePublisherNorStopsTheQueue() throws Exception {
        String q = queueBoundTo("q", "q");
        transport.consume(q, new ConsumeOptions(1, false), failingWith(() -> new AssertionError("broken")));

        CompletableFuture.runAsync(() -> publish("q", "first")).get(10, TimeUnit.SECONDS);
        Recorder healthy = new Recorder(true);
        transport.consume(q, new ConsumeOptions(1, false), healthy);
        publish("q", "second");

        assertEquals(List.of("first", "second"), healthy.contents());
    }

    @Test
    void autoDeleteQueueVanishesWithItsLastConsumerOnly() {
        String q = transport.declareQueue(new QueueSpec("auto", false, true, false, Optional.empty()));
        assertTrue(broker.hasQueue(q), "no consumer yet: the queue stays");
        ConsumerHandle a = transport.consume(q, new ConsumeOptions(1, false), new Recorder(true));
        ConsumerHandle b = transport.consume(q, new ConsumeOptions(1, false), new Recorder(true));

        a.cancel();
        assertTrue(broker.hasQueue(q));
        b.cancel();

        assertFalse(broker.hasQueue(q));
    }

    @Test
    void closingATransportDeletesItsExclusiveQueuesAndRequeuesTheRest() {
        LocalTransport other = connection();
        String exclusive = other.declareQueue(new QueueSpec("mine", true, false, false, Optional.empty()));
        String sharedQueue = queueBoundTo("shared", "shared");
        publish("shared", "unacked");
        other.consume(sharedQueue, new ConsumeOptions(5, false), new Recorder(false));
        assertEquals(0, broker.messageCount(sharedQueue).orElseThrow());

        other.close();

        assertFalse(broker.hasQueue(exclusive));
        assertTrue(broker.hasQueue(sharedQueue));
        assertEquals(1, broker.messageCount(sharedQueue).orElseThrow());
    }

    @Test
    void closingATransportLeavesAloneAQueueOfTheSameNameDeclaredLaterByAnother() {
        LocalTransport first = connection();
        QueueSpec spec = new QueueSpec("reused", true, true, false, Optional.empty());
        first.consume(first.declareQueue(spec), new ConsumeOptions(1, true), new Recorder(true)).cancel();
        assertFalse(broker.hasQueue("reused"), "auto-deleted with its consumer");
        LocalTransport second = connection();
        second.declareQueue(spec);

        first.close();

        assertTrue(broker.hasQueue("reused"), "the second connection's queue survives");
    }

    @Test
    void bindingSurvivesOtherQueuesBeingDeletedMeanwhile() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> churn = CompletableFuture.runAsync(() -> {
            for (long n = 0; !stop.get(); n++) {
                String other = transport.declareQueue(shared("churn-" + n));
                transport.bind(other, EXCHANGE, other);
                transport.deleteQueue(other);
            }
        });
        List<String> unbound = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try {
            for (int i = 0; i < 100_000 && unbound.isEmpty() && System.nanoTime() < deadline; i++) {
                String q = queueBoundTo("main-" + i, "main-" + i);
                publish(q, i);
                if (broker.messageCount(q).orElseThrow() != 1) {
                    unbound.add(q);
                }
                transport.deleteQueue(q);
            }
        } finally {
            stop.set(true);
            churn.get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(), unbound, "queues whose fresh binding was lost");
    }

    @Test
    void publishingToAnUnknownExchangeFailsNamingIt() {
        MessagingException e = assertThrows(MessagingException.class,
                () -> transport.publish("no.such.exchange", "key", Message.builder().op("x").build()));

        assertTrue(e.getMessage().contains("'no.such.exchange'"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void concurrentPublishersLoseNothingAndKeepTheirOwnOrder() throws Exception {
        int publishers = 4;
        int each = 5_000;
        String q = queueBoundTo("busy", "busy");
        Recorder r = new Recorder(true);
        transport.consume(q, new ConsumeOptions(16, false), r);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int p = 0; p < publishers; p++) {
                String name = "p" + p;
                running.add(pool.submit(() -> {
                    start.await();
                    for (long i = 0; i < each; i++) {
                        transport.publish(EXCHANGE, "busy", Message.builder().op("n").header("publisher", name)
                                .content(i).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        await("every message is delivered", () -> r.deliveries.size() == publishers * each);
        for (int p = 0; p < publishers; p++) {
            String name = "p" + p;
            List<Object> fromOne = r.deliveries.stream().map(Delivery::message)
                    .filter(m -> name.equals(m.headers().get("publisher")))
                    .map(m -> m.content().orElseThrow()).toList();
            assertEquals(each, fromOne.size(), name);
            for (int i = 0; i < each; i++) {
                assertEquals((long) i, fromOne.get(i), name + " message " + i);
            }
        }
        assertEquals(0, broker.messageCount(q).orElseThrow());
    }
}
