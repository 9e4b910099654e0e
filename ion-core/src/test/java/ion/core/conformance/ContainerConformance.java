package ion.core.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Binding;
import ion.core.messaging.ExchangeNotFoundException;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.messaging.QueueLockedException;
import ion.core.messaging.QueueNotFoundException;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Scope;
import ion.core.messaging.Status;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.Transport;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.PendingAck;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessState;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.ReceiverKind;
import ion.core.process.RpcTimeoutException;
import ion.core.process.SpawnOptions;
import ion.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every transport must give the container, checked end to end through processes. One subclass
 * per transport; the same tests, the same expectations.
 */
abstract class ContainerConformance {
    static final Duration SHORT = Duration.ofSeconds(10);

    private final List<Container> containers = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    String sysname;

    /** Opens connections to the broker under test. */
    abstract TransportFactory transports();

    @BeforeEach
    void newSystem() {
        sysname = "conf-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void closeContainers() {
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("cleanup failed: " + e);
            }
        }
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
    }

    Container container() {
        return container(sysname);
    }

    Container container(String system) {
        ContainerOptions options = ContainerOptions.defaults()
                .withSysname(system)
                .withTransport(transports())
                .withTypes(ProcessTypes.empty())
                .withProcessSettings(ProcessSettings.defaults().withRpcTimeout(SHORT));
        Container c = Container.start(options);
        containers.add(c);
        return c;
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(10), condition);
    }

    @Test
    void rpcToProcessIdReturnsTheReplyContent() {
        Container c = container();
        ProcessId echo = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");

        Message reply = client.rpc(echo.toString(), "echo", "hello");

        assertEquals("hello", reply.contentAs(String.class));
        assertEquals(Status.OK, reply.status());
        assertEquals(ResponseCodes.SUCCESS, reply.response());
        assertEquals(2, reply.convSeq());
    }

    @Test
    void requestCarriesTheR1Headers() {
        Container c = container();
        TestProcesses.Echo echo = new TestProcesses.Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        Message reply = client.rpc(id.toString(), "echo", "x");

        assertEquals(id.toString(), reply.sender());
        assertEquals(client.id().toString(), reply.receiver());
        for (String header : List.of("sender", "receiver", "reply-to", "encoding", "accept-encoding", "language",
                "format", "ontology", "conv-id", "conv-seq", "protocol", "status", "ts", "sender-name", "response",
                "exception", "op")) {
            assertTrue(reply.headers().containsKey(header), "reply lacks header " + header);
        }
        assertEquals("result", reply.op().orElseThrow());
    }

    @Test
    void oneWaySendIsHandled() {
        Container c = container();
        TestProcesses.Echo echo = new TestProcesses.Echo();
        ProcessId id = c.spawn(echo);

        c.newClient("client").send(id.toString(), "record", Map.of("n", 1L));

        await("the message is handled", () -> echo.seen.size() == 1);
        assertEquals(Map.of("n", 1L), echo.seen.get(0));
    }

    @Test
    void scopesQualifyNamesByContainerSystemOrNothing() {
        Container c = container();
        TestProcesses.Worker local = new TestProcesses.Worker(ReceiverKind.WORKER, "w") {
            @Override
            protected void onInit() {
                addReceiver(ReceiverKind.WORKER, "local-name", Scope.LOCAL);
                addReceiver(ReceiverKind.WORKER, "system-name", Scope.SYSTEM);
                addReceiver(ReceiverKind.WORKER, sysname + "-global-name", Scope.GLOBAL);
            }
        };
        c.spawn(local);
        Process client = c.newClient("client");

        client.rpc(c.id() + ".local-name", "work", "l");
        client.rpc(sysname + ".system-name", "work", "s");
        client.rpc(sysname + "-global-name", "work", "g");

        assertEquals(List.of("l", "s", "g"), new ArrayList<>(local.handled));
        assertEquals(c.id() + ".x", Scope.LOCAL.qualify("x", c.id(), sysname));
        assertEquals(sysname + ".x", Scope.SYSTEM.qualify("x", c.id(), sysname));
        assertEquals("x", Scope.GLOBAL.qualify("x", c.id(), sysname));
    }

    @Test
    void systemScopedNamesDoNotCrossSystems() {
        Container mine = container();
        Container other = container(sysname + "-other");
        TestProcesses.Worker theirs = new TestProcesses.Worker(ReceiverKind.WORKER, "svc");
        other.spawn(theirs);

        Process client = mine.newClient("client");
        assertThrows(RpcTimeoutException.class,
                () -> client.rpc(client.qualify("svc", Scope.SYSTEM), "work", "x", Duration.ofMillis(300)));
        assertTrue(theirs.handled.isEmpty());
    }

    @Test
    void workerQueueSplitsMessagesBetweenCompetingProcesses() {
        Container a = container();
        Container b = container();
        TestProcesses.Worker w1 = new TestProcesses.Worker(ReceiverKind.WORKER, "jobs");
        TestProcesses.Worker w2 = new TestProcesses.Worker(ReceiverKind.WORKER, "jobs");
        w1.delay = Duration.ofMillis(5);
        w2.delay = Duration.ofMillis(5);
        a.spawn(w1);
        b.spawn(w2);
        Process client = a.newClient("client");
        String target = client.qualify("jobs", Scope.SYSTEM);

        for (long i = 0; i < 40; i++) {
            client.send(target, "work", i);
        }

        await("all 40 jobs are handled", () -> w1.handled.size() + w2.handled.size() == 40);
        Set<Object> all = new HashSet<>(w1.handled);
        all.addAll(w2.handled);
        assertEquals(40, all.size(), "every job handled exactly once");
        assertTrue(w1.handled.size() >= 10 && w2.handled.size() >= 10,
                "both workers took a share: " + w1.handled.size() + " / " + w2.handled.size());
    }

    @Test
    void fanoutGivesEverySubscriberItsOwnCopy() {
        Container a = container();
        Container b = container();
        TestProcesses.Worker f1 = new TestProcesses.Worker(ReceiverKind.FANOUT, "news");
        TestProcesses.Worker f2 = new TestProcesses.Worker(ReceiverKind.FANOUT, "news");
        a.spawn(f1);
        b.spawn(f2);
        Process client = a.newClient("client");

        for (long i = 0; i < 5; i++) {
            client.send(client.qualify("news", Scope.SYSTEM), "work", i);
        }

        await("both subscribers get all 5", () -> f1.handled.size() == 5 && f2.handled.size() == 5);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), new ArrayList<>(f1.handled));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), new ArrayList<>(f2.handled));
    }

    @Test
    void messagesFromOneSenderArriveInSendOrder() {
        Container c = container();
        TestProcesses.Echo echo = new TestProcesses.Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        for (long i = 0; i < 500; i++) {
            client.send(id.toString(), "record", i);
        }

        await("500 messages handled", () -> echo.seen.size() == 500);
        for (int i = 0; i < 500; i++) {
            assertEquals((long) i, echo.seen.get(i));
        }
    }

    @Test
    void workerMessageNotAcknowledgedWhenItsConsumerDiesIsRedelivered() throws Exception {
        Container doomed = container();
        TestProcesses.Worker first = new TestProcesses.Worker(ReceiverKind.WORKER, "fragile");
        first.block = new CountDownLatch(1);
        doomed.spawn(first);
        Container survivor = container();
        Process client = survivor.newClient("client");

        client.send(client.qualify("fragile", Scope.SYSTEM), "work", "precious");
        Thread.sleep(200);
        TestProcesses.Worker second = new TestProcesses.Worker(ReceiverKind.WORKER, "fragile");
        survivor.spawn(second);
        doomed.transport().close();

        Object redelivered = second.handled.poll(10, TimeUnit.SECONDS);
        first.block.countDown();
        assertEquals("precious", redelivered);
    }

    @Test
    void exclusiveQueueCannotBeConsumedThroughAnotherConnection() {
        try (Transport owner = transports().open(ContainerOptions.DEFAULT_MAX_MESSAGE_SIZE);
                Transport intruder = transports().open(ContainerOptions.DEFAULT_MAX_MESSAGE_SIZE)) {
            String queue = owner.declareQueue(QueueSpec.processQueue(sysname + ".exclusive"));
            ConsumerHandle handle = owner.consume(queue, new ConsumeOptions(1, true), new DeliveryHandler() {
                @Override
                public void onDelivery(Delivery delivery) {
                    delivery.ack();
                }

                @Override
                public void onMalformed(String q, MalformedMessageException problem) {
                }
            });
            assertThrows(QueueLockedException.class, () -> intruder.consume(queue, new ConsumeOptions(1, false),
                    new DeliveryHandler() {
                        @Override
                        public void onDelivery(Delivery delivery) {
                        }

                        @Override
                        public void onMalformed(String q, MalformedMessageException problem) {
                        }
                    }));
            handle.cancel();
        }
    }

    @Test
    void rpcToANameNobodyListensOnTimesOut() {
        Process client = container().newClient("client");
        long start = System.nanoTime();

        RpcTimeoutException e = assertThrows(RpcTimeoutException.class,
                () -> client.rpc(sysname + ".big_void", "hello", "x", Duration.ofMillis(400)));

        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs >= 350, "waited the timeout, not less: " + waitedMs);
        assertTrue(e.getMessage().contains("big_void"), e.getMessage());
    }

    @Test
    void lateReplyAfterTimeoutIsDroppedAndLaterCallsStillWork() throws Exception {
        Container c = container();
        ProcessId echo = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");

        assertThrows(RpcTimeoutException.class,
                () -> client.rpc(echo.toString(), "sleep", 300L, Duration.ofMillis(100)));
        Thread.sleep(400);

        assertEquals("again", client.rpc(echo.toString(), "echo", "again").contentAs(String.class));
        assertEquals("slept 1", client.rpc(echo.toString(), "sleep", 1L).contentAs(String.class));
    }

    @Test
    void handlerExceptionBecomesErrorReplyAndTheProcessKeepsServing() {
        Container c = container();
        TestProcesses.Echo echo = new TestProcesses.Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "boom", "now"));

        assertEquals(Status.ERROR, e.status());
        assertEquals(ResponseCodes.RECEIVER_ERROR, e.responseCode());
        assertTrue(e.exceptionText().contains("boom: now"), e.exceptionText());
        assertEquals(ProcessState.ACTIVE, echo.state());
        assertEquals("still here", client.rpc(id.toString(), "echo", "still here").contentAs(String.class));
    }

    @Test
    void explicitErrorReplyCarriesResponseCodeAndText() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "error_reply", null));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
        assertEquals("not here", e.exceptionText());

        Message handled = client.rpc(id.toString(), "fail_handled", null);
        assertEquals(Status.OK, handled.status());
        assertEquals(ResponseCodes.APP_INVALID_KEY, handled.response());
        assertEquals("no such key", handled.exception());
        assertEquals("partial", handled.contentAs(String.class));
    }

    @Test
    void unknownOpGetsAnErrorReplyNamingIt() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "no_such_op", "x"));

        assertEquals(ResponseCodes.UNKNOWN_OPERATION, e.responseCode());
        assertTrue(e.exceptionText().contains("no_such_op"), e.exceptionText());
    }

    @Test
    void wrongContentTypeGetsABadRequestReply() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "sleep", "not a number"));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        assertTrue(e.exceptionText().contains("must be long but is string"), e.exceptionText());
    }

    @Test
    void voidHandlerOfAnRpcStillAnswers() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());

        Message reply = c.newClient("client").rpc(id.toString(), "silent", null);

        assertFalse(reply.content().isPresent());
        assertEquals(Status.OK, reply.status());
    }

    @Test
    void handlerMayMakeNestedRpcsAndGetTheirReplies() {
        Container a = container();
        Container b = container();
        ProcessId echo = b.spawn(new TestProcesses.Echo());
        ProcessId relay = a.spawn(new TestProcesses.Relay());

        Message reply = a.newClient("client").rpc(relay.toString(), "relay",
                Map.of("target", echo.toString(), "op", "echo", "content", "through"));

        assertEquals("through", reply.contentAs(String.class));
    }

    @Test
    void calleeMayCallBackIntoTheCallerWhileTheCallerWaits() {
        Container a = container();
        Container b = container();
        ProcessId callsBack = b.spawn(new TestProcesses.CallsBack());
        ProcessId caller = a.spawn(new TestProcesses.Caller());

        Message reply = a.newClient("client").rpc(caller.toString(), "start", callsBack.toString());

        assertEquals("callback said pong:x", reply.contentAs(String.class));
    }

    @Test
    void unrelatedRequestsWaitWhileAHandlerIsBlockedInAnRpc() throws Exception {
        Container c = container();
        TestProcesses.Echo slow = new TestProcesses.Echo();
        ProcessId slowId = c.spawn(slow);
        ProcessId relay = c.spawn(new TestProcesses.Relay());
        Process client = c.newClient("client");

        var first = client.rpcAsync(relay.toString(), "relay",
                Map.of("target", slowId.toString(), "op", "sleep", "content", 300L), SHORT);
        await("the relay's handler is blocked in its rpc", () -> slow.seen.contains("sleeping 300"));
        Message ping = client.rpc(relay.toString(), "ping", "p");

        assertEquals("pong:p", ping.contentAs(String.class));
        assertTrue(first.isDone(), "the ping was served only after the blocked handler finished");
    }

    @Test
    void messagesSentBeforeActivationAreHeldAndHandledAfterwards() throws Exception {
        Container c = container();
        TestProcesses.Echo echo = new TestProcesses.Echo();
        ProcessId id = c.processes().spawn(echo, SpawnOptions.defaults().withoutActivation());
        Process client = c.newClient("client");
        assertEquals(ProcessState.READY, echo.state());

        client.send(id.toString(), "record", "early");
        Thread.sleep(300);
        assertTrue(echo.seen.isEmpty(), "not handled while READY");

        echo.activate();
        await("the held message is handled", () -> echo.seen.size() == 1);
        assertEquals("echoed", client.rpc(id.toString(), "echo", "echoed").contentAs(String.class));
    }

    @Test
    void terminatedWorkerLeavesTheQueueToTheOthers() {
        Container c = container();
        TestProcesses.Worker stays = new TestProcesses.Worker(ReceiverKind.WORKER, "pool");
        TestProcesses.Worker goes = new TestProcesses.Worker(ReceiverKind.WORKER, "pool");
        c.spawn(stays);
        ProcessId goesId = c.spawn(goes);
        Process client = c.newClient("client");

        c.processes().terminate(goesId);
        for (long i = 0; i < 10; i++) {
            client.rpc(client.qualify("pool", Scope.SYSTEM), "work", i);
        }

        assertEquals(10, stays.handled.size());
        assertTrue(goes.handled.isEmpty());
        assertEquals(ProcessState.TERMINATED, goes.state());
        assertTrue(c.processes().find(goesId).isEmpty(), "deregistered");
    }

    @Test
    void terminatingAParentTerminatesItsChildren() {
        Container c = container();
        TestProcesses.Echo parent = new TestProcesses.Echo();
        TestProcesses.Echo child = new TestProcesses.Echo();
        TestProcesses.Echo grandchild = new TestProcesses.Echo();
        ProcessId p = c.spawn(parent);
        ProcessId ch = c.processes().spawn(child, SpawnOptions.defaults().withParent(p));
        c.processes().spawn(grandchild, SpawnOptions.defaults().withParent(ch));

        c.processes().terminate(p);

        assertEquals(ProcessState.TERMINATED, child.state());
        assertEquals(ProcessState.TERMINATED, grandchild.state());
        assertEquals(List.of(), c.processes().list().stream().filter(i -> !i.name().equals("client")).toList());
    }

    @Test
    void binaryContentRoundTripsUnchanged() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        byte[] digest = new byte[20];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (0x80 + i * 7);
        }

        Message reply = c.newClient("client").rpc(id.toString(), "echo", digest);

        assertArrayEquals(digest, reply.contentAs(byte[].class));
    }

    @Test
    void conversationIdsAreUniqueAcrossContainers() {
        Container a = container();
        Container b = container();
        ProcessId echo = a.spawn(new TestProcesses.Echo());
        String fromA = a.newClient("ca").rpc(echo.toString(), "echo", 1L).convId();
        String fromB = b.newClient("cb").rpc(echo.toString(), "echo", 1L).convId();

        assertNotEquals(fromA, fromB);
        assertNotNull(fromA);
        assertNull(null);
    }

    @Test
    void oversizedMessageIsRefusedBeforeSending() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        Process client = c.newClient("client");
        byte[] huge = new byte[16 * 1024 * 1024];

        var e = assertThrows(ion.core.messaging.MessageTooLargeException.class,
                () -> client.rpc(id.toString(), "echo", huge));

        assertTrue(e.getMessage().contains("max-message-size"), e.getMessage());
        assertEquals("ok", client.rpc(id.toString(), "echo", "ok").contentAs(String.class));
    }

    @Test
    void replyIsAnInstanceOfMessage() {
        Container c = container();
        ProcessId id = c.spawn(new TestProcesses.Echo());
        assertInstanceOf(Message.class, c.newClient("client").rpc(id.toString(), "whoami", null));
    }

    // ------------------------------------------------------------------ attached queues

    /** Declares a topic exchange of this test's own, deleted after the test. */
    String scienceExchange(Container c) {
        String name = sysname + ".science_data";
        c.transport().declareExchange(name, false, false);
        cleanups.add(() -> c.transport().deleteExchange(name));
        return name;
    }

    /** A queue name of this test's own; the queue is deleted after the test. */
    String ownQueueName(Container c, String suffix) {
        String name = sysname + "." + suffix;
        cleanups.add(() -> c.transport().deleteQueue(name));
        return name;
    }

    static boolean queueExists(Container c, String queue) {
        try {
            c.transport().messageCount(queue);
            return true;
        } catch (QueueNotFoundException e) {
            return false;
        }
    }

    static void publishAll(Process publisher, String exchange, String routingKey, List<String> contents) {
        for (String content : contents) {
            publisher.publish(exchange, routingKey, "data", content, Map.of());
        }
    }

    @Test
    void queueAttachedWhileActiveGetsExactlyTheMessagesItsWildcardBindingsMatch() {
        Container c = container();
        String ex = scienceExchange(c);
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);
        assertEquals(ProcessState.ACTIVE, sub.state());
        String queue = sub.attachQueue(QueueSpec.transientQueue(""), List.of(Binding.of(ex, "ocean.*.temp"),
                Binding.of(ex, "air.#")), 10);
        Process pub = c.newClient("pub");

        for (String key : List.of("ocean.a.temp", "ocean.a.b.temp", "air", "air.x.y", "ocean.temp", "land.a.temp",
                "ocean.b.temp", "xair.y", "air.end")) {
            pub.publish(ex, key, "data", key, Map.of());
        }

        await("the last message arrived", () -> sub.contents().contains("air.end"));
        assertEquals(List.of("ocean.a.temp", "air", "air.x.y", "ocean.b.temp", "air.end"), sub.contents());
        assertTrue(sub.received.stream().allMatch(r -> r.startsWith(queue + "|")), sub.received.toString());
    }

    @Test
    void queueAttachedInOnInitIsConsumedFromActivationOn() {
        Container c = container();
        String ex = scienceExchange(c);
        TestProcesses.Attacher sub = new TestProcesses.Attacher() {
            @Override
            protected void onInit() {
                attachQueue(QueueSpec.transientQueue(""), List.of(Binding.of(ex, "#")), 1);
            }
        };
        c.processes().spawn(sub, SpawnOptions.defaults().withoutActivation());
        Process pub = c.newClient("pub");
        publishAll(pub, ex, "any.thing", List.of("1", "2"));

        sub.activate();

        await("both messages arrived", () -> sub.contents().size() == 2);
        assertEquals(List.of("1", "2"), sub.contents());
    }

    @Test
    void durableQueueKeepsMessagesWhileDetachedAndDeliversThemWhenAttachedAgain() {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, "keeper");
        QueueSpec spec = QueueSpec.durableQueue(name);
        List<Binding> bindings = List.of(Binding.of(ex, "ctd.#"));
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);
        Process pub = c.newClient("pub");
        assertEquals(name, sub.attachQueue(spec, bindings, 10));
        publishAll(pub, ex, "ctd.1", List.of("m1"));
        await("m1 arrived", () -> sub.contents().size() == 1);

        assertTrue(sub.detachQueue(name));
        publishAll(pub, ex, "ctd.2", List.of("m2", "m3", "m4"));
        await("the queue holds what was published meanwhile", () -> c.transport().messageCount(name) == 3);
        assertEquals(List.of("m1"), sub.contents());
        assertEquals(name, sub.attachQueue(spec, bindings, 10));

        await("the kept messages arrived", () -> sub.contents().size() == 4);
        assertEquals(List.of("m1", "m2", "m3", "m4"), sub.contents());
    }

    @Test
    void messageWhoseAckIsHeldGoesBackToItsQueueOnDetachUntilItIsAcknowledged() {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, "held");
        QueueSpec spec = QueueSpec.durableQueue(name);
        List<Binding> bindings = List.of(Binding.of(ex, "ctd"));
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);
        Process pub = c.newClient("pub");
        sub.attachQueue(spec, bindings, 10);
        pub.publish(ex, "ctd", "hold", "h1", Map.of());
        pub.publish(ex, "ctd", "hold", "h2", Map.of());
        await("both arrived", () -> sub.contents().size() == 2);

        sub.detachQueue(name);
        await("both are back in the queue", () -> c.transport().messageCount(name) == 2);
        sub.held.forEach(PendingAck::ack);
        sub.held.clear();
        sub.attachQueue(spec, bindings, 10);
        await("both arrived again", () -> sub.contents().size() == 4);
        sub.held.forEach(PendingAck::ack);
        sub.detachQueue(name);

        assertEquals(List.of("h1", "h2", "h1", "h2"), sub.contents());
        assertEquals(0, c.transport().messageCount(name));
    }

    @Test
    void durableQueueOutlivesTheProcessThatConsumedIt() {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, "outlives");
        List<Binding> bindings = List.of(Binding.of(ex, "ctd"));
        TestProcesses.Attacher first = new TestProcesses.Attacher();
        c.spawn(first);
        first.attachQueue(QueueSpec.durableQueue(name), bindings, 10);
        c.processes().terminate(first.id());
        Process pub = c.newClient("pub");

        publishAll(pub, ex, "ctd", List.of("a", "b"));
        await("the queue holds both", () -> c.transport().messageCount(name) == 2);
        TestProcesses.Attacher second = new TestProcesses.Attacher();
        c.spawn(second);
        second.attachQueue(QueueSpec.durableQueue(name), bindings, 10);

        await("both arrived", () -> second.contents().size() == 2);
        assertEquals(List.of("a", "b"), second.contents());
    }

    @Test
    void maxLengthWithDropHeadKeepsTheNewestMessages() {
        assertEquals(List.of("8", "9", "10"), lengthLimited(QueueSpec.Overflow.DROP_HEAD, "newest"));
    }

    @Test
    void maxLengthWithRejectPublishKeepsTheOldestMessagesAndThePublisherSeesNoError() {
        assertEquals(List.of("1", "2", "3"), lengthLimited(QueueSpec.Overflow.REJECT_PUBLISH, "oldest"));
    }

    /**
     * Publishes 1 to 10 to a queue limited to 3 with nobody consuming, then attaches it, and returns what arrives.
     * A second queue without a limit, bound alike, shows when all ten were routed.
     */
    private List<String> lengthLimited(QueueSpec.Overflow overflow, String suffix) {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, suffix);
        String all = ownQueueName(c, suffix + ".all");
        QueueSpec spec = QueueSpec.durableQueue(name).withMaxLength(3, overflow);
        c.transport().declareQueue(spec);
        c.transport().bind(name, ex, "adcp");
        c.transport().declareQueue(QueueSpec.durableQueue(all));
        c.transport().bind(all, ex, "adcp");
        Process pub = c.newClient("pub");
        List<String> published = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            published.add(Integer.toString(i));
        }

        publishAll(pub, ex, "adcp", published);
        await("all ten were routed", () -> c.transport().messageCount(all) == 10);
        await("the limited queue holds three", () -> c.transport().messageCount(name) == 3);
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);
        sub.attachQueue(spec, List.of(Binding.of(ex, "adcp")), 10);
        await("three arrived", () -> sub.contents().size() >= 3);
        publishAll(pub, ex, "adcp", List.of("end"));
        await("the end marker arrived", () -> sub.contents().contains("end"));

        List<String> got = sub.contents();
        assertEquals("end", got.get(got.size() - 1));
        return got.subList(0, got.size() - 1);
    }

    @Test
    void queueRedeclaredWithAnotherLengthLimitIsRefused() {
        Container c = container();
        String name = ownQueueName(c, "limited");
        c.transport().declareQueue(QueueSpec.durableQueue(name).withMaxLength(3, QueueSpec.Overflow.DROP_HEAD));

        assertThrows(MessagingException.class, () -> c.transport().declareQueue(QueueSpec.durableQueue(name)
                .withMaxLength(5, QueueSpec.Overflow.DROP_HEAD)));
        assertThrows(MessagingException.class, () -> c.transport().declareQueue(QueueSpec.durableQueue(name)
                .withMaxLength(3, QueueSpec.Overflow.REJECT_PUBLISH)));
        assertEquals(name, c.transport().declareQueue(QueueSpec.durableQueue(name)
                .withMaxLength(3, QueueSpec.Overflow.DROP_HEAD)));
    }

    @Test
    void detachStopsDeliveryAndRemovesAnAutoDeleteQueue() {
        Container c = container();
        String ex = scienceExchange(c);
        List<Binding> bindings = List.of(Binding.of(ex, "flntu.*"));
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        TestProcesses.Attacher witness = new TestProcesses.Attacher();
        c.spawn(sub);
        c.spawn(witness);
        String queue = sub.attachQueue(QueueSpec.transientQueue(""), bindings, 10);
        witness.attachQueue(QueueSpec.transientQueue(""), bindings, 10);
        Process pub = c.newClient("pub");
        publishAll(pub, ex, "flntu.1", List.of("a"));
        await("a arrived", () -> sub.contents().size() == 1);

        assertTrue(sub.detachQueue(queue));
        publishAll(pub, ex, "flntu.1", List.of("b"));

        await("the witness got b", () -> witness.contents().equals(List.of("a", "b")));
        await("the auto-delete queue is gone", () -> !queueExists(c, queue));
        assertEquals(List.of("a"), sub.contents());
        assertFalse(sub.detachQueue(queue));
        assertFalse(sub.detachQueue(sub.id().toString()), "the own queue cannot be detached");
    }

    @Test
    void attachingToAMissingExchangeFailsAndTheProcessKeepsWorking() {
        Container c = container();
        String ex = scienceExchange(c);
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);

        ExchangeNotFoundException e = assertThrows(ExchangeNotFoundException.class, () -> sub.attachQueue(
                QueueSpec.transientQueue(""), List.of(Binding.of(sysname + ".nowhere", "x")), 1));

        assertTrue(e.getMessage().contains(sysname + ".nowhere"), e.getMessage());
        sub.attachQueue(QueueSpec.transientQueue(""), List.of(Binding.of(ex, "x")), 1);
        publishAll(c.newClient("pub"), ex, "x", List.of("still here"));
        await("the message arrived", () -> sub.contents().equals(List.of("still here")));
    }

    @Test
    void messageAFailFastProcessCrashedOnGoesBackToTheAttachedQueue() {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, "poisoned");
        TestProcesses.Attacher doomed = new TestProcesses.Attacher();
        c.processes().spawn(doomed, SpawnOptions.defaults().withFailFast(true));
        doomed.attachQueue(QueueSpec.durableQueue(name), List.of(Binding.of(ex, "p")), 1);

        publishAll(c.newClient("pub"), ex, "p", List.of("poison"));

        await("the process crashed", () -> doomed.state() == ProcessState.TERMINATED);
        await("the message is back in its queue", () -> c.transport().messageCount(name) == 1);
    }

    @Test
    void attachingTheSameQueueTwiceIsRefused() {
        Container c = container();
        String ex = scienceExchange(c);
        String name = ownQueueName(c, "twice");
        TestProcesses.Attacher sub = new TestProcesses.Attacher();
        c.spawn(sub);
        sub.attachQueue(QueueSpec.durableQueue(name), List.of(Binding.of(ex, "t")), 1);

        assertThrows(IllegalStateException.class, () -> sub.attachQueue(QueueSpec.durableQueue(name),
                List.of(Binding.of(ex, "t")), 1));
    }

    @Test
    void processOwningAnExchangePreparesAQueueThatAnotherProcessConsumesLater() {
        Container c = container();
        String ex = sysname + ".owned";
        String name = ownQueueName(c, "prepared");
        TestProcesses.Attacher owner = new TestProcesses.Attacher();
        c.spawn(owner);
        owner.ownExchange(ex, true);
        cleanups.add(() -> c.transport().deleteExchange(ex));
        QueueSpec spec = QueueSpec.durableQueue(name).withMaxLength(100, QueueSpec.Overflow.REJECT_PUBLISH);
        assertEquals(name, owner.prepareQueue(spec, List.of(Binding.of(ex, "a.#"))));
        Process pub = c.newClient("pub");

        publishAll(pub, ex, "a.b", List.of("1", "2"));
        await("the prepared queue holds both", () -> owner.waiting(name) == 2);
        TestProcesses.Attacher consumer = new TestProcesses.Attacher();
        c.spawn(consumer);
        consumer.attachQueue(spec, List.of(), 5);
        await("both arrived", () -> consumer.contents().equals(List.of("1", "2")));

        owner.dropQueue(name);
        owner.ownExchange(ex, false);
        await("the queue is gone", () -> !queueExists(c, name));
        assertThrows(ExchangeNotFoundException.class, () -> pub.publish(ex, "a.b", "data", "3", Map.of()));
    }
}
