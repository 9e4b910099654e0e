package ion.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import ion.core.container.Container;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One-way throughput over RabbitMQ to a worker queue with manual acknowledgement, in messages per second: a
 * sender publishes a burst of {@value #BATCH} messages whose content is the same {@value #CONTENT_CHARS}-character
 * string, and waits until the consumer has handled (and acknowledged) every one. Sender and consumer use two
 * connections of one JVM; messages are non-persistent; no publisher confirms.
 *
 * <ul>
 *   <li>ioncore: a service process ({@code sink}) in one container consumes its worker queue
 *       {@code <sysname>.sink} the way every ioncore service does: prefetch 1, acknowledged after its
 *       {@code @Op("put")} handler (which takes the content as a string) returned. A client process of a second
 *       container calls {@code send(<sysname>.sink, "put", content)}.</li>
 *   <li>raw {@code amqp-client}, same work: a consumer on a worker queue bound to a topic exchange decodes the
 *       body as UTF-8 and acknowledges each message after handling it, with prefetch 1; the sender publishes
 *       the UTF-8 bytes to the exchange with the queue's routing key on one channel.</li>
 *   <li>raw {@code amqp-client}, recommended prefetch: the same with prefetch {@value #RECOMMENDED_PREFETCH},
 *       in the 100 to 300 range RabbitMQ's acknowledgement documentation gives for optimal throughput. It shows
 *       what ioncore's fixed worker prefetch of 1 costs.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OneWayAmqpBenchmark {
    /** Messages per benchmark operation. */
    public static final int BATCH = 1000;
    /** Characters (= bytes, ASCII) of each message's content. */
    public static final int CONTENT_CHARS = 64;
    /** The raw consumer's prefetch on the "recommended" side. */
    public static final int RECOMMENDED_PREFETCH = 200;
    static final String CONTENT = "x".repeat(CONTENT_CHARS);

    /** The ioncore consumer: a service whose {@code put} counts each message. */
    public static class Sink extends ServiceProcess {
        private final Arrivals arrivals;

        public Sink(Arrivals arrivals) {
            this.arrivals = arrivals;
        }

        @Override
        public ServiceDeclaration declaration() {
            return ServiceDeclaration.of("sink", "0.1.0");
        }

        @Op("put")
        public void put(String content) {
            arrivals.arrive();
        }
    }

    /** Two containers on the broker: the sink service, and a client process that sends. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        final Arrivals arrivals = new Arrivals();
        String system;
        Container service;
        Container clients;
        Process sender;
        String target;

        @Setup(Level.Trial)
        public void setUp() {
            system = Broker.uniqueName();
            service = Broker.startContainer(system, "service");
            service.spawn(new Sink(arrivals));
            clients = Broker.startContainer(system, "clients");
            sender = clients.newClient("sender");
            target = system + ".sink";
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            clients.close();
            try {
                service.transport().deleteQueue(target);
            } finally {
                service.close();
            }
        }
    }

    /** The raw side: a consumer connection and a sender connection; the prefetch is the subclass's. */
    public abstract static class Raw {
        final Arrivals arrivals = new Arrivals();
        String exchange;
        String queue;
        Connection consumerConnection;
        Connection senderConnection;
        Channel consumer;
        Channel sender;

        abstract int prefetch();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String system = Broker.uniqueName();
            exchange = system + ".topic";
            queue = system + ".sink";
            consumerConnection = Broker.rawFactory().newConnection(system + "-service");
            consumer = consumerConnection.createChannel();
            consumer.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, Map.of());
            consumer.queueDeclare(queue, false, false, false, Map.of("x-expires", Broker.QUEUE_EXPIRY.toMillis()));
            consumer.queueBind(queue, exchange, queue);
            consumer.basicQos(prefetch());
            consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) throws IOException {
                    String content = new String(body, StandardCharsets.UTF_8);
                    if (!content.isEmpty()) {
                        arrivals.arrive();
                    }
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
            senderConnection = Broker.rawFactory().newConnection(system + "-clients");
            sender = senderConnection.createChannel();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            senderConnection.close();
            try {
                consumer.queueDelete(queue);
            } finally {
                consumerConnection.close();
            }
        }

        void sendBatch() throws IOException {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(1).build();
            arrivals.expect(BATCH);
            for (int i = 0; i < BATCH; i++) {
                sender.basicPublish(exchange, queue, properties, CONTENT.getBytes(StandardCharsets.UTF_8));
            }
            arrivals.await();
        }
    }

    /** Raw consumer with ioncore's worker prefetch, 1. */
    @State(Scope.Benchmark)
    public static class RawPrefetchOne extends Raw {
        @Override
        int prefetch() {
            return 1;
        }
    }

    /** Raw consumer with the prefetch recommended for throughput. */
    @State(Scope.Benchmark)
    public static class RawRecommendedPrefetch extends Raw {
        @Override
        int prefetch() {
            return RECOMMENDED_PREFETCH;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ioncore(Ioncore s) {
        s.arrivals.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            s.sender.send(s.target, "put", CONTENT);
        }
        s.arrivals.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawPrefetchOne(RawPrefetchOne s) throws IOException {
        s.sendBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawRecommendedPrefetch(RawRecommendedPrefetch s) throws IOException {
        s.sendBatch();
    }
}
