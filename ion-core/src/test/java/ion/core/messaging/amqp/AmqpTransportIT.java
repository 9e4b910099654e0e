package ion.core.messaging.amqp;

import static ion.core.messaging.amqp.AmqpTestSupport.message;
import static ion.core.messaging.amqp.AmqpTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import ion.core.messaging.MessageTooLargeException;
import ion.core.messaging.MessagingException;
import ion.core.messaging.QueueLockedException;
import ion.core.messaging.QueueNotFoundException;
import ion.core.messaging.TransportUnavailableException;
import ion.core.messaging.Message;
import ion.core.messaging.amqp.AmqpTestSupport.Recorder;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.QueueSpec;
import ion.core.testing.RequiresBrokerExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RequiresBrokerExtension.class)
class AmqpTransportIT {
    private static final ConsumeOptions ONE_AT_A_TIME = new ConsumeOptions(1, false);

    private String prefix;
    private String exchange;
    private AmqpTransport transport;

    @BeforeEach
    void connect() {
        prefix = AmqpTestSupport.uniquePrefix();
        exchange = prefix + ".topic";
        transport = AmqpTransport.connect(settings(), prefix);
        transport.declareExchange(exchange, false, true);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    private String processQueue(String name) {
        String queue = transport.declareQueue(QueueSpec.processQueue(prefix + "." + name));
        transport.bind(queue, exchange, queue);
        return queue;
    }

    @Test
    void messagePublishedWithQueueNameAsRoutingKeyArrivesWithSameHeadersAndContentInOrder() throws Exception {
        String queue = processQueue("p1");
        Recorder recorder = new Recorder(true);
        transport.consume(queue, new ConsumeOptions(16, false), recorder);

        Message first = Message.builder().header("sender", "me").header("receiver", queue).op("ping")
                .header("conv-id", "c-1").header("conv-seq", 7L).content(Map.of("k", List.of(1L, "two")))
                .build();
        transport.publish(exchange, queue, first);
        for (int i = 0; i < 100; i++) {
            transport.publish(exchange, queue, message("n", (long) i));
        }

        Delivery d = recorder.next();
        assertEquals(first.headers(), d.message().headers());
        assertEquals(first.content(), d.message().content());
        assertEquals(queue, d.queue());
        assertFalse(d.redelivered());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, recorder.next().message().contentAs(Long.class));
        }
    }

    @Test
    void wildcardBindingsMatchOneWordOrAnyNumberOfWords() throws Exception {
        String oneWord = transport.declareQueue(QueueSpec.processQueue(prefix + ".star"));
        String anyWords = transport.declareQueue(QueueSpec.processQueue(prefix + ".hash"));
        transport.bind(oneWord, exchange, prefix + ".a.*");
        transport.bind(anyWords, exchange, prefix + ".a.#");
        Recorder star = new Recorder(true);
        Recorder hash = new Recorder(true);
        transport.consume(oneWord, ONE_AT_A_TIME, star);
        transport.consume(anyWords, ONE_AT_A_TIME, hash);

        transport.publish(exchange, prefix + ".a.b", message("ab", "ab"));
        transport.publish(exchange, prefix + ".a.b.c", message("abc", "abc"));
        transport.publish(exchange, prefix + ".a", message("a", "a"));
        transport.publish(exchange, prefix + ".b.c", message("bc", "bc"));

        assertEquals("ab", star.next().message().op().orElseThrow());
        assertEquals(List.of("ab", "abc", "a"),
                hash.take(3).stream().map(d -> d.message().op().orElseThrow()).toList());
        assertTrue(star.quietFor(Duration.ofMillis(300)));
        assertTrue(hash.quietFor(Duration.ofMillis(100)));
    }

    @Test
    void competingConsumersWithPrefetchOneShareTheMessages() throws Exception {
        String queue = transport.declareQueue(QueueSpec.workerQueue(prefix + ".worker", Duration.ofMinutes(5)));
        transport.bind(queue, exchange, queue);
        Map<String, Set<Long>> seen = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(20);
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        try {
            for (String worker : List.of("w1", "w2")) {
                seen.put(worker, ConcurrentHashMap.newKeySet());
                transport.consume(queue, new ConsumeOptions(ConsumeOptions.WORKER_PREFETCH, false),
                        new Recorder(false) {
                            @Override
                            public void onDelivery(Delivery delivery) {
                                seen.get(worker).add(delivery.message().contentAs(Long.class));
                                workers.schedule(() -> {
                                    delivery.ack();
                                    all.countDown();
                                }, 20, TimeUnit.MILLISECONDS);
                            }
                        });
            }
            for (long i = 0; i < 20; i++) {
                transport.publish(exchange, queue, message("job", i));
            }
            assertTrue(all.await(10, TimeUnit.SECONDS), "not all jobs were done");
        } finally {
            workers.shutdownNow();
            transport.deleteQueue(queue);
        }
        Set<Long> union = new HashSet<>(seen.get("w1"));
        union.addAll(seen.get("w2"));
        assertEquals(20, union.size());
        assertEquals(20, seen.get("w1").size() + seen.get("w2").size(), "a job was delivered twice");
        assertTrue(seen.get("w1").size() >= 5 && seen.get("w2").size() >= 5, "work not shared: " + seen);
    }

    @Test
    void deliveryNotAcknowledgedBeforeCancelIsRedeliveredMarkedToTheNextConsumer() throws Exception {
        String queue = transport.declareQueue(QueueSpec.workerQueue(prefix + ".redeliver", Duration.ofMinutes(5)));
        transport.bind(queue, exchange, queue);
        try {
            Recorder holder = new Recorder(false);
            ConsumerHandle first = transport.consume(queue, ONE_AT_A_TIME, holder);
            transport.publish(exchange, queue, message("job", "unfinished"));
            Delivery held = holder.next();
            assertFalse(held.redelivered());

            first.cancel();
            first.cancel();
            assertDoesNotThrow(held::ack, "ack after cancel must be harmless");

            Recorder second = new Recorder(true);
            transport.consume(queue, ONE_AT_A_TIME, second);
            Delivery again = second.next();
            assertTrue(again.redelivered());
            assertEquals("unfinished", again.message().contentAs(String.class));
        } finally {
            transport.deleteQueue(queue);
        }
    }

    @Test
    void exclusiveQueueOfOneTransportIsLockedForAnother() {
        String queue = processQueue("mine");
        try (AmqpTransport other = AmqpTransport.connect(settings(), prefix + "-other")) {
            QueueLockedException declare = assertThrows(QueueLockedException.class,
                    () -> other.declareQueue(QueueSpec.processQueue(queue)));
            assertTrue(declare.getMessage().contains(queue), declare.getMessage());
            assertThrows(QueueLockedException.class,
                    () -> other.consume(queue, ONE_AT_A_TIME, new Recorder(true)));

            String own = other.declareQueue(QueueSpec.processQueue(prefix + ".theirs"));
            assertEquals(prefix + ".theirs", own);
            other.publish(exchange, queue, message("still", "works"));
        }
    }

    @Test
    void exclusiveConsumerKeepsOtherConsumersAway() throws Exception {
        String queue = transport.declareQueue(QueueSpec.workerQueue(prefix + ".solo", Duration.ofMinutes(5)));
        try {
            ConsumerHandle solo = transport.consume(queue, new ConsumeOptions(1, true), new Recorder(true));
            assertThrows(QueueLockedException.class,
                    () -> transport.consume(queue, ONE_AT_A_TIME, new Recorder(true)));
            solo.cancel();
            ConsumerHandle shared = transport.consume(queue, ONE_AT_A_TIME, new Recorder(true));
            assertThrows(QueueLockedException.class,
                    () -> transport.consume(queue, new ConsumeOptions(1, true), new Recorder(true)));
            shared.cancel();
        } finally {
            transport.deleteQueue(queue);
        }
    }

    @Test
    void handlerThatThrowsLosesThatMessageButKeepsReceiving() throws Exception {
        String queue = processQueue("throws");
        Recorder recorder = new Recorder(true) {
            @Override
            public void onDelivery(Delivery delivery) {
                if (delivery.message().op().orElseThrow().equals("boom")) {
                    throw new IllegalStateException("handler failure expected by the test");
                }
                super.onDelivery(delivery);
            }
        };
        transport.consume(queue, ONE_AT_A_TIME, recorder);
        transport.publish(exchange, queue, message("boom", 1L));
        transport.publish(exchange, queue, message("fine", 2L));
        Delivery next = recorder.next();
        assertEquals("fine", next.message().op().orElseThrow());
        assertTrue(recorder.quietFor(Duration.ofMillis(300)), "the failed message came back");
    }

    @Test
    void emptyQueueNameGetsABrokerChosenNameThatCanBeBoundAndConsumed() throws Exception {
        String queue = transport.declareQueue(QueueSpec.fanoutQueue());
        assertFalse(queue.isEmpty());
        transport.bind(queue, exchange, prefix + ".fanout");
        Recorder recorder = new Recorder(true);
        ConsumerHandle handle = transport.consume(queue, ONE_AT_A_TIME, recorder);
        assertEquals(queue, handle.queue());

        transport.publish(exchange, prefix + ".fanout", message("hello", "all"));
        assertEquals("all", recorder.next().message().contentAs(String.class));
    }

    @Test
    void malformedBodyIsDiscardedAndReportedAndTheNextMessageStillArrives() throws Exception {
        String queue = processQueue("garbage");
        Recorder recorder = new Recorder(true);
        transport.consume(queue, ONE_AT_A_TIME, recorder);

        try (Connection raw = AmqpTestSupport.rawConnection()) {
            Channel channel = raw.createChannel();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType(AmqpTransport.CONTENT_TYPE).build();
            channel.basicPublish(exchange, queue, props, new byte[] {(byte) 0xc1, 0x00, 0x01});
        }
        transport.publish(exchange, queue, message("good", "after"));

        assertNotNull(recorder.malformed.poll(10, TimeUnit.SECONDS), "onMalformed not called");
        Delivery next = recorder.next();
        assertEquals("after", next.message().contentAs(String.class));
        assertFalse(next.redelivered());
        assertTrue(recorder.quietFor(Duration.ofMillis(300)), "the malformed message came back");
    }

    @Test
    void oversizedMessageIsRefusedBeforeSendingAndTheConnectionKeepsWorking() throws Exception {
        try (AmqpTransport small = AmqpTransport.connect(settings().withMaxMessageSize(64 * 1024), prefix + "-s")) {
            String queue = small.declareQueue(QueueSpec.processQueue(prefix + ".small"));
            small.bind(queue, exchange, queue);
            Recorder recorder = new Recorder(true);
            small.consume(queue, ONE_AT_A_TIME, recorder);

            MessageTooLargeException tooLarge = assertThrows(MessageTooLargeException.class,
                    () -> small.publish(exchange, queue, message("big", new byte[100 * 1024])));
            assertEquals(64 * 1024, tooLarge.limit());

            small.publish(exchange, queue, message("small", new byte[1024]));
            Delivery d = recorder.next();
            assertEquals("small", d.message().op().orElseThrow());
            assertArrayEquals(new byte[1024], d.message().contentAs(byte[].class));
        }
    }

    @Test
    void queueFlagsAreDeclaredExactlyAsSpecifiedIncludingIdleExpiry() throws Exception {
        String queue = transport.declareQueue(new QueueSpec(prefix + ".flags", false, false, false,
                Optional.of(Duration.ofSeconds(90))));
        try (Connection raw = AmqpTestSupport.rawConnection()) {
            Channel same = raw.createChannel();
            assertDoesNotThrow(() -> same.queueDeclare(queue, false, false, false, Map.of("x-expires", 90_000L)));
            Channel autoDelete = raw.createChannel();
            IOException refused = assertThrows(IOException.class,
                    () -> autoDelete.queueDeclare(queue, false, false, true, Map.of("x-expires", 90_000L)));
            assertTrue(String.valueOf(refused.getCause()).contains("PRECONDITION_FAILED"), refused.toString());
        } finally {
            transport.deleteQueue(queue);
        }
    }

    @Test
    void redeclaringAQueueWithOtherFlagsFailsWithTheBrokersReasonAndLeavesTheTransportUsable() throws Exception {
        String queue = transport.declareQueue(QueueSpec.workerQueue(prefix + ".w", Duration.ofMinutes(5)));
        try {
            MessagingException e = assertThrows(MessagingException.class,
                    () -> transport.declareQueue(new QueueSpec(queue, false, true, false, Optional.empty())));
            assertTrue(e.getMessage().contains("PRECONDITION_FAILED"), e.getMessage());

            transport.bind(queue, exchange, queue);
            Recorder recorder = new Recorder(true);
            transport.consume(queue, ONE_AT_A_TIME, recorder);
            transport.publish(exchange, queue, message("after", "refusal"));
            assertEquals("refusal", recorder.next().message().contentAs(String.class));
        } finally {
            transport.deleteQueue(queue);
        }
    }

    @Test
    void consumingFromAMissingQueueFailsWithQueueNotFound() {
        String missing = prefix + ".missing";
        assertThrows(QueueNotFoundException.class, () -> transport.consume(missing, ONE_AT_A_TIME,
                new Recorder(true)));
        assertThrows(QueueNotFoundException.class, () -> transport.bind(missing, exchange, missing));
        assertDoesNotThrow(() -> transport.unbind(missing, exchange, missing));
        assertDoesNotThrow(() -> transport.deleteQueue(missing));
        assertEquals(prefix + ".p", processQueue("p"));
    }

    @Test
    void publishingToAnExchangeThatDoesNotExistFailsWithoutBreakingPublishing() throws Exception {
        String queue = processQueue("p2");
        Recorder recorder = new Recorder(true);
        transport.consume(queue, ONE_AT_A_TIME, recorder);

        MessagingException e = assertThrows(MessagingException.class,
                () -> transport.publish(prefix + ".nowhere", queue, message("lost", "x")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());

        transport.publish(exchange, queue, message("found", "y"));
        assertEquals("y", recorder.next().message().contentAs(String.class));
    }

    @Test
    void unboundQueueNoLongerReceivesAndPublishingSurvivesTheAutoDeleteExchangeGoingAway() throws Exception {
        String queue = processQueue("unbound");
        Recorder recorder = new Recorder(true);
        transport.consume(queue, ONE_AT_A_TIME, recorder);
        transport.publish(exchange, queue, message("one", 1L));
        recorder.next();

        transport.unbind(queue, exchange, queue);
        transport.publish(exchange, queue, message("two", 2L));
        assertTrue(recorder.quietFor(Duration.ofMillis(300)));

        transport.publish(exchange, queue, message("three", 3L));
        transport.declareExchange(exchange, false, true);
        transport.bind(queue, exchange, queue);
        transport.publish(exchange, queue, message("four", 4L));
        assertEquals("four", recorder.next().message().op().orElseThrow());
    }

    @Test
    void closingRemovesExclusiveQueuesAndMakesFurtherUseAnError() throws Exception {
        String queue = processQueue("gone");
        transport.close();
        transport.close();

        assertThrows(IllegalStateException.class, () -> transport.publish(exchange, queue, message("x", "y")));
        assertThrows(IllegalStateException.class, () -> transport.declareQueue(QueueSpec.fanoutQueue()));
        try (Connection raw = AmqpTestSupport.rawConnection()) {
            Channel channel = raw.createChannel();
            IOException e = assertThrows(IOException.class, () -> channel.queueDeclarePassive(queue));
            assertTrue(String.valueOf(e.getCause()).contains("NOT_FOUND"), e.toString());
        }
    }

    @Test
    void connectingWhereNoBrokerListensFailsWithAHint() {
        TransportUnavailableException e = assertThrows(TransportUnavailableException.class,
                () -> AmqpTransport.connect(settings().withHost("127.0.0.1").withPort(1)));
        assertTrue(e.getMessage().startsWith("cannot connect to RabbitMQ at 127.0.0.1:1 (vhost /): "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("is the broker running? start it with 'rabbitmq-server -detached'"
                + " or pass -h HOST"), e.getMessage());
    }

    @Test
    void descriptionNamesTheBroker() {
        assertEquals("amqp://" + RequiresBrokerExtension.brokerHost() + ":" + RequiresBrokerExtension.brokerPort()
                + "/", transport.description());
        assertTrue(transport.isConnected());
        assertInstanceOf(AmqpSettings.class, transport.settings());
    }
}
