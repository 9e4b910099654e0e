package ion.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import ion.core.container.Container;
import ion.core.process.ProcessSettings;
import ion.services.hello.HelloService;
import ion.services.hello.HelloServiceClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * RPC round trips over RabbitMQ, in round trips per second, with one caller and with {@value #CALLERS}
 * concurrent callers, for request contents of 64 B, 1 KiB and 64 KiB (a string of that many ASCII characters).
 * The service answers {@code "Hello there, " + content}. Service and callers use two connections of one JVM.
 *
 * <ul>
 *   <li>ioncore: the {@code hello} service runs in one container; the callers are client processes of a
 *       second container and call it with {@link HelloServiceClient#hello}. Requests go through the system's
 *       topic exchange to the service's worker queue (prefetch 1, acknowledged after the handler); replies go
 *       through the same exchange to each caller's own exclusive queue (prefetch 64, acknowledged on
 *       arrival).</li>
 *   <li>raw {@code amqp-client}: the same topology by hand. A server consumer on a worker queue bound to a topic
 *       exchange (prefetch 1, manual ack after publishing the answer) decodes the body as UTF-8, greets it and
 *       publishes the answer to the exchange with the request's {@code reply-to} as routing key and its
 *       {@code correlation-id}. Each caller has an exclusive server-named reply queue bound to the exchange by its
 *       name, consumed with prefetch 64 and manual ack, a channel to publish on and one to consume on (a channel
 *       per thread, as the client's documentation asks), and matches answers by correlation id.</li>
 * </ul>
 *
 * <p>Messages are non-persistent on both sides, and no side uses publisher confirms. With {@value #CALLERS}
 * callers, one operation starts {@value #CALLERS} virtual threads ({@link Callers}) that make
 * {@value #CALLS_EACH} blocking calls each, caller {@code i} always through its own process or reply queue.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RpcAmqpBenchmark {
    /** Concurrent callers in the many-callers case. */
    public static final int CALLERS = 64;
    /** Round trips each caller makes per operation in the many-callers case. */
    public static final int CALLS_EACH = 4;
    /** Prefetch of each caller's reply queue: ioncore's default {@code process.prefetch}. */
    public static final int REPLY_PREFETCH = 64;
    /** How long a raw caller waits for its answer: ioncore's default RPC timeout. */
    static final Duration ANSWER_TIMEOUT = ProcessSettings.DEFAULT_RPC_TIMEOUT;

    /** The request content. */
    @State(Scope.Benchmark)
    public static class Content {
        @Param({"64", "1024", "65536"})
        public int size;
        String name;
        String greeting;

        @Setup(Level.Trial)
        public void setUp() {
            name = "x".repeat(size);
            greeting = "Hello there, " + name;
        }

        void check(String answer) {
            if (!greeting.equals(answer)) {
                throw new IllegalStateException("unexpected answer of " + answer.length() + " characters");
            }
        }
    }

    /** Two containers on the broker: one with the hello service, one with {@value #CALLERS} client processes. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        String system;
        Container service;
        Container clients;
        HelloServiceClient[] callers = new HelloServiceClient[CALLERS];

        @Setup(Level.Trial)
        public void setUp(Content content) {
            system = Broker.uniqueName();
            service = Broker.startContainer(system, "service");
            service.spawn(HelloService.NAME);
            clients = Broker.startContainer(system, "clients");
            for (int i = 0; i < CALLERS; i++) {
                callers[i] = new HelloServiceClient(clients.newClient("caller-" + i));
            }
            content.check(callers[0].hello(content.name));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            clients.close();
            try {
                service.transport().deleteQueue(system + "." + HelloService.NAME);
            } finally {
                service.close();
            }
        }
    }

    /** The raw server: greets each request, publishes the answer, then acknowledges the request. */
    static final class HelloServer extends DefaultConsumer {
        private final String exchange;

        HelloServer(Channel channel, String exchange) {
            super(channel);
            this.exchange = exchange;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties request, byte[] body)
                throws IOException {
            String name = new String(body, StandardCharsets.UTF_8);
            byte[] answer = ("Hello there, " + name).getBytes(StandardCharsets.UTF_8);
            AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                    .correlationId(request.getCorrelationId())
                    .deliveryMode(1)
                    .build();
            getChannel().basicPublish(exchange, request.getReplyTo(), reply, answer);
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }

    /** One raw caller: its reply queue, a channel to publish on, one to consume on, its pending calls. */
    static final class RawCaller {
        private final String exchange;
        private final String serviceKey;
        private final Channel publish;
        private final String replyQueue;
        private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        RawCaller(Connection connection, String exchange, String serviceKey) throws IOException {
            this.exchange = exchange;
            this.serviceKey = serviceKey;
            Channel consume = connection.createChannel();
            replyQueue = consume.queueDeclare().getQueue();
            consume.queueBind(replyQueue, exchange, replyQueue);
            consume.basicQos(REPLY_PREFETCH);
            consume.basicConsume(replyQueue, false, new DefaultConsumer(consume) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    CompletableFuture<byte[]> call = pending.remove(properties.getCorrelationId());
                    if (call != null) {
                        call.complete(body);
                    }
                }
            });
            publish = connection.createChannel();
        }

        String call(String name) throws Exception {
            String id = Long.toString(ids.incrementAndGet());
            CompletableFuture<byte[]> answer = new CompletableFuture<>();
            pending.put(id, answer);
            AMQP.BasicProperties request = new AMQP.BasicProperties.Builder()
                    .replyTo(replyQueue)
                    .correlationId(id)
                    .deliveryMode(1)
                    .build();
            publish.basicPublish(exchange, serviceKey, request, name.getBytes(StandardCharsets.UTF_8));
            try {
                return new String(answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        StandardCharsets.UTF_8);
            } catch (TimeoutException e) {
                pending.remove(id);
                throw e;
            }
        }
    }

    /** The raw side: a server connection with the hello consumer, a client connection with the callers. */
    @State(Scope.Benchmark)
    public static class Raw {
        String exchange;
        String queue;
        Connection serverConnection;
        Connection clientConnection;
        Channel server;
        RawCaller[] callers = new RawCaller[CALLERS];

        @Setup(Level.Trial)
        public void setUp(Content content) throws Exception {
            String system = Broker.uniqueName();
            exchange = system + ".topic";
            queue = system + ".hello";
            serverConnection = Broker.rawFactory().newConnection(system + "-service");
            server = serverConnection.createChannel();
            server.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, Map.of());
            server.queueDeclare(queue, false, false, false, Map.of("x-expires", Broker.QUEUE_EXPIRY.toMillis()));
            server.queueBind(queue, exchange, queue);
            server.basicQos(1);
            server.basicConsume(queue, false, new HelloServer(server, exchange));
            clientConnection = Broker.rawFactory().newConnection(system + "-clients");
            for (int i = 0; i < CALLERS; i++) {
                callers[i] = new RawCaller(clientConnection, exchange, queue);
            }
            content.check(callers[0].call(content.name));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            clientConnection.close();
            try {
                server.queueDelete(queue);
            } finally {
                serverConnection.close();
            }
        }
    }

    @Benchmark
    public String ioncoreOneCaller(Ioncore s, Content c) {
        return s.callers[0].hello(c.name);
    }

    @Benchmark
    public String rawOneCaller(Raw s, Content c) throws Exception {
        return s.callers[0].call(c.name);
    }

    @Benchmark
    @OperationsPerInvocation(CALLERS * CALLS_EACH)
    public void ioncoreManyCallers(Ioncore s, Content c) {
        Callers.run(CALLERS, CALLS_EACH, caller -> s.callers[caller].hello(c.name));
    }

    @Benchmark
    @OperationsPerInvocation(CALLERS * CALLS_EACH)
    public void rawManyCallers(Raw s, Content c) {
        Callers.run(CALLERS, CALLS_EACH, caller -> s.callers[caller].call(c.name));
    }
}
