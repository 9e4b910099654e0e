package ion.core.intercept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.RpcTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterceptorChainTest {
    private final LocalBroker broker = new LocalBroker("intercept-test");
    private final List<Container> containers = new ArrayList<>();

    @AfterEach
    void close() {
        containers.forEach(Container::close);
    }

    private Container container(Supplier<InterceptorChain> chain) {
        Container c = Container.start(ContainerOptions.defaults().withSysname("icpt").withTransport(broker::connect)
                .withTypes(ProcessTypes.empty()).withInterceptors(chain));
        containers.add(c);
        return c;
    }

    static class Echo extends Process {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        @Op("echo")
        Object echo(Object content) {
            seen.add(content);
            return content;
        }

        @Op("forbidden")
        String forbidden() {
            seen.add("forbidden");
            return "should not run";
        }

        @Op("fail")
        String fail() {
            throw new IllegalStateException("no");
        }
    }

    /** Records the order it is called in, under a name. */
    record Recording(String name, List<String> calls) implements Interceptor {
        @Override
        public Verdict outbound(Message message, InterceptContext context) {
            calls.add("out:" + name);
            return Verdict.proceed(message);
        }

        @Override
        public Verdict inbound(Message message, InterceptContext context) {
            calls.add("in:" + name);
            return Verdict.proceed(message);
        }
    }

    /** Drops messages with one op, on either path, optionally answering with a response code. */
    record DropOp(String op, boolean answer) implements Interceptor {
        @Override
        public String name() {
            return "drop-" + op;
        }

        private Verdict decide(Message message) {
            if (!op.equals(message.headers().get(HeaderNames.OP))) {
                return Verdict.proceed(message);
            }
            return answer ? Verdict.reject(name(), "op " + op + " is not allowed", ResponseCodes.PERMISSION_ERROR)
                    : Verdict.drop(name(), "op " + op + " is not allowed");
        }

        @Override
        public Verdict outbound(Message message, InterceptContext context) {
            return decide(message);
        }

        @Override
        public Verdict inbound(Message message, InterceptContext context) {
            return decide(message);
        }
    }

    @Test
    void outboundRunsInListedOrderAndInboundInReverse() {
        List<String> calls = new CopyOnWriteArrayList<>();
        InterceptorChain chain = InterceptorChain.of(List.of(new Recording("a", calls), new Recording("b", calls),
                new Recording("c", calls)));
        Message m = Message.builder().op("x").build();
        InterceptContext out = new InterceptContext("c1", "c1.1", Direction.OUTBOUND);

        chain.outbound(m, out);
        chain.inbound(m, new InterceptContext("c1", "c1.1", Direction.INBOUND));

        assertEquals(List.of("out:a", "out:b", "out:c", "in:c", "in:b", "in:a"), calls);
    }

    @Test
    void anInterceptorCanReplaceTheMessage() {
        Interceptor tag = new Interceptor() {
            @Override
            public String name() {
                return "tag";
            }

            @Override
            public Verdict inbound(Message message, InterceptContext context) {
                return Verdict.proceed(message.toBuilder().content("tagged").build());
            }
        };
        Container c = container(() -> InterceptorChain.of(List.of(tag)));
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = container(InterceptorChain::empty).newClient("client");

        client.rpc(id.toString(), "echo", "original");

        assertEquals(List.of("tagged"), echo.seen);
    }

    @Test
    void anOutboundDropStopsTheMessageAndFailsTheSend() {
        Container receiver = container(InterceptorChain::empty);
        Echo echo = new Echo();
        ProcessId id = receiver.spawn(echo);
        Process client = container(() -> InterceptorChain.of(List.of(new DropOp("forbidden", false))))
                .newClient("client");

        MessageDroppedException e = assertThrows(MessageDroppedException.class,
                () -> client.send(id.toString(), "forbidden", null));

        assertEquals("drop-forbidden", e.interceptor());
        assertEquals("ok", client.rpc(id.toString(), "echo", "ok").contentAs(String.class));
        assertEquals(List.of("ok"), echo.seen, "the dropped message never arrived");
    }

    @Test
    void anInboundDropIsEnforcedEvenWhenTheSenderAllowsIt() {
        Container receiver = container(() -> InterceptorChain.of(List.of(new DropOp("forbidden", false))));
        Echo echo = new Echo();
        ProcessId id = receiver.spawn(echo);
        Process client = container(InterceptorChain::empty).newClient("client");

        assertThrows(RpcTimeoutException.class,
                () -> client.rpc(id.toString(), "forbidden", null, Duration.ofMillis(300)));

        assertEquals("ok", client.rpc(id.toString(), "echo", "ok").contentAs(String.class));
        assertEquals(List.of("ok"), echo.seen, "the handler never saw the dropped message");
    }

    @Test
    void anInboundRejectionAnswersTheSenderWithItsResponseCode() {
        Container receiver = container(() -> InterceptorChain.of(List.of(new DropOp("forbidden", true))));
        Echo echo = new Echo();
        ProcessId id = receiver.spawn(echo);
        Process client = container(InterceptorChain::empty).newClient("client");

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "forbidden", null));

        assertEquals(ResponseCodes.PERMISSION_ERROR, e.responseCode());
        assertTrue(e.exceptionText().contains("not allowed"), e.exceptionText());
        assertTrue(echo.seen.isEmpty());
    }

    @Test
    void metricsCountEachOperationAndMeasureRoundTrips() {
        Container server = container(Interceptors.standard());
        ProcessId id = server.spawn(new Echo());
        Container callerSide = container(Interceptors.standard());
        Process client = callerSide.newClient("client");

        for (int i = 0; i < 3; i++) {
            client.rpc(id.toString(), "echo", i);
        }
        assertThrows(ReceivedError.class, () -> client.rpc(id.toString(), "fail", null));

        Map<String, OpStats> calls = byOp(callerSide.metrics().orElseThrow().snapshot());
        assertEquals(3, calls.get("echo").sent());
        assertEquals(3, calls.get("echo").replies());
        assertEquals(0, calls.get("echo").errors());
        assertTrue(calls.get("echo").maxLatency().compareTo(Duration.ZERO) > 0);
        assertEquals(1, calls.get("fail").errors());
        Map<String, OpStats> served = byOp(server.metrics().orElseThrow().snapshot());
        assertEquals(3, served.get("echo").received());
        assertEquals(1, served.get("fail").received());
    }

    private static Map<String, OpStats> byOp(List<OpStats> stats) {
        return stats.stream().collect(java.util.stream.Collectors.toMap(OpStats::op, s -> s));
    }

    @Test
    void envelopeRefusesAnIllTypedHeaderAtTheSenderOnEveryTransport() {
        Container receiver = container(Interceptors.standard());
        ProcessId id = receiver.spawn(new Echo());
        Process client = receiver.newClient("client");

        MessageDroppedException e = assertThrows(MessageDroppedException.class,
                () -> client.send(id.toString(), "echo", "x", Map.of(HeaderNames.CONV_SEQ, "one")));

        assertTrue(e.getMessage().contains("conv-seq"), e.getMessage());
    }

    @Test
    void configuredChainNamesUnknownInterceptors() {
        Config config = Config.builder().args("messaging.interceptors=envelope+nosuch").build();

        ConfigException e = assertThrows(ConfigException.class, () -> ContainerOptions.fromConfig(config));

        assertTrue(e.getMessage().contains("messaging.interceptors"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertTrue(e.getMessage().contains("metrics"), "lists the known ones: " + e.getMessage());
    }

    @Test
    void configuredChainIsBuiltInOrderWithFreshInstancesPerContainer() {
        Config config = Config.builder().set("messaging.interceptors", "metrics, envelope").build();
        Supplier<InterceptorChain> factory = ContainerOptions.fromConfig(config).interceptors();

        InterceptorChain first = factory.get();
        InterceptorChain second = factory.get();

        assertEquals(List.of("metrics", "envelope"), first.interceptors().stream().map(Interceptor::name).toList());
        assertTrue(first.interceptors().get(0) != second.interceptors().get(0));
    }
}
