package ion.core.conformance;

import ion.core.messaging.Binding;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.process.Op;
import ion.core.process.PendingAck;
import ion.core.process.Process;
import ion.core.process.ReceiverKind;
import ion.core.messaging.Scope;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.QueueSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Processes the conformance suites drive. */
final class TestProcesses {
    private TestProcesses() {
    }

    /** Echoes, fails on request, and records what it handled. */
    static class Echo extends Process {
        final List<Object> seen = new CopyOnWriteArrayList<>();

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
        Object boom(String content) {
            throw new IllegalArgumentException("boom: " + content);
        }

        @Op("fail_handled")
        void failHandled(Message m) {
            reply(m, "partial", ResponseCodes.APP_INVALID_KEY, "no such key");
        }

        @Op("error_reply")
        void errorReply(Message m) {
            replyError(m, ResponseCodes.APP_RESOURCE_NOT_FOUND, "not here");
        }

        @Op("silent")
        void silent(Message m) {
            seen.add("silent");
        }

        @Op("sleep")
        String sleep(long millis) throws InterruptedException {
            seen.add("sleeping " + millis);
            Thread.sleep(millis);
            return "slept " + millis;
        }

        @Op("whoami")
        String whoami() {
            return id().toString();
        }
    }

    /** Joins a worker or fanout name and records what it handles, optionally slowly. */
    static class Worker extends Process {
        final LinkedBlockingQueue<Object> handled = new LinkedBlockingQueue<>();
        private final ReceiverKind kind;
        private final String listenName;
        volatile Duration delay = Duration.ZERO;
        volatile CountDownLatch block;

        Worker(ReceiverKind kind, String listenName) {
            this.kind = kind;
            this.listenName = listenName;
        }

        @Override
        protected void onInit() {
            addReceiver(kind, listenName, Scope.SYSTEM);
        }

        @Op("work")
        String work(Object content) throws InterruptedException {
            CountDownLatch b = block;
            if (b != null) {
                b.await(30, TimeUnit.SECONDS);
            }
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            handled.add(content);
            return id().toString();
        }
    }

    /**
     * Attaches and detaches queues on the test's command and records each {@code data} message it handles as
     * {@code <delivery queue>|<content>}; content {@code "poison"} makes the handler throw.
     */
    static class Attacher extends Process {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final List<PendingAck> held = new CopyOnWriteArrayList<>();

        String attachQueue(QueueSpec queue, List<Binding> bindings, int prefetch) {
            return attach(queue, bindings, new ConsumeOptions(prefetch, false));
        }

        boolean detachQueue(String queue) {
            return detach(queue);
        }

        void ownExchange(String exchange, boolean exists) {
            if (exists) {
                declareExchange(exchange);
            } else {
                deleteExchange(exchange);
            }
        }

        String prepareQueue(QueueSpec queue, List<Binding> bindings) {
            return declareQueue(queue, bindings);
        }

        void dropQueue(String queue) {
            deleteQueue(queue);
        }

        long waiting(String queue) {
            return queueMessageCount(queue);
        }

        @Op("data")
        void data(Object content) {
            if ("poison".equals(content)) {
                throw new IllegalStateException("poisoned");
            }
            received.add(deliveryQueue().orElse("?") + "|" + content);
        }

        /** Like {@code data}, but keeps the message unacknowledged; its {@link PendingAck} goes to {@link #held}. */
        @Op("hold")
        void hold(Object content) {
            held.add(holdAcknowledgement());
            received.add(deliveryQueue().orElse("?") + "|" + content);
        }

        /** The contents received so far, without their queue names. */
        List<String> contents() {
            return received.stream().map(r -> r.substring(r.indexOf('|') + 1)).toList();
        }
    }

    /** Calls another process from inside a handler. */
    static class Relay extends Process {
        @Op("relay")
        Object relay(Map<String, Object> request) {
            String target = (String) request.get("target");
            return rpc(target, (String) request.get("op"), request.get("content")).content().orElse(null);
        }

        @Op("ping")
        String ping(String content) {
            return "pong:" + content;
        }
    }

    /** Calls back into the caller (given as sender) while the caller waits for this RPC. */
    static class CallsBack extends Process {
        @Op("call_me_back")
        String callMeBack(String content, Message m) {
            String answer = rpc(m.sender(), "ping", content, Duration.ofSeconds(5)).contentAs(String.class);
            return "callback said " + answer;
        }
    }

    /** Starts a call to a CallsBack process from inside its handler and returns the final answer. */
    static class Caller extends Relay {
        @Op("start")
        Object start(String target) {
            return rpc(target, "call_me_back", "x", Duration.ofSeconds(5)).content().orElse(null);
        }
    }
}
