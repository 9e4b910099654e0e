package ion.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PublisherRegistration;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.pubsub.Subscriber;
import ion.services.pubsub.Subscription;
import ion.services.registry.AssociationService;
import ion.services.registry.ResourceRegistryService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Pub-sub fan-out over RabbitMQ, in deliveries per second (one message handled by one subscriber is one delivery):
 * a publisher publishes a burst of {@code DELIVERIES / subscribers} messages to one topic of a topic exchange, each
 * routed to every one of the {@code subscribers} (1, 4 or 16) subscription queues, and waits until every
 * subscriber has handled (and acknowledged) every message, {@value #DELIVERIES} deliveries in all. Each message's
 * content is the same {@value #CONTENT_CHARS}-character string; messages are non-persistent; no publisher
 * confirms. Each side uses two connections: one for the publisher, one for all subscribers (a channel each).
 *
 * <ul>
 *   <li>ioncore: the {@code pubsub} service (with the resource registry and associations it needs) declares the
 *       exchange point {@code science_data} and the topic {@value #TOPIC}, registers a publisher and makes one
 *       transient subscription per subscriber, all once per trial. A {@link Publisher} in the publisher's
 *       container publishes straight to the exchange point; in a second container each subscription is consumed
 *       by a {@link Subscriber} process with prefetch {@value #PREFETCH}, acknowledged after its {@code onData}
 *       (which takes the content as a string) returned.</li>
 *   <li>raw {@code amqp-client}, same work: one topic exchange, one auto-delete queue per subscriber bound with
 *       the topic, each consumed on its own channel with prefetch {@value #PREFETCH} by a consumer that decodes
 *       the body as UTF-8 and acknowledges each message after handling it; the publisher publishes the UTF-8
 *       bytes to the exchange with the topic as routing key on one channel.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutAmqpBenchmark {
    /** Deliveries per benchmark operation, whatever the number of subscribers (divisible by 1, 4 and 16). */
    public static final int DELIVERIES = 1600;
    /** Characters (= bytes, ASCII) of each message's content. */
    public static final int CONTENT_CHARS = 64;
    /** Each subscriber's prefetch on both sides: the default of ioncore's {@link Subscriber}. */
    public static final int PREFETCH = Subscriber.DEFAULT_PREFETCH;
    /** The topic (routing key) every message is published to and every subscription is bound with. */
    public static final String TOPIC = "bench.fanout.data";
    static final String CONTENT = "x".repeat(CONTENT_CHARS);
    static final String EXCHANGE_POINT = "science_data";

    /** An ioncore subscriber that counts each data message. */
    public static class Sink extends Subscriber {
        private final Subscription subscription;
        private final Arrivals arrivals;

        public Sink(Subscription subscription, Arrivals arrivals) {
            this.subscription = subscription;
            this.arrivals = arrivals;
        }

        @Override
        protected void onInit() {
            consume(subscription, PREFETCH);
        }

        @Override
        protected void onData(String topic, Message message) {
            if (!message.contentAs(String.class).isEmpty()) {
                arrivals.arrive();
            }
        }
    }

    /** The ioncore side: the pubsub service and the publisher in one container, the subscribers in another. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        @Param({"1", "4", "16"})
        public int subscribers;
        final Arrivals arrivals = new Arrivals();
        Container publishing;
        Container subscribing;
        PubsubClient pubsub;
        Publisher publisher;
        ExchangePoint exchangePoint;
        final List<Subscription> subscriptions = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() {
            String system = Broker.uniqueName();
            publishing = Broker.startContainer(system, "publisher");
            publishing.spawn(new ResourceRegistryService());
            publishing.spawn(new AssociationService());
            publishing.spawn(new PubsubService());
            Process client = publishing.newClient("publisher");
            pubsub = new PubsubClient(client);
            exchangePoint = pubsub.declareExchangePoint(EXCHANGE_POINT);
            pubsub.declareTopic(EXCHANGE_POINT, TOPIC);
            PublisherRegistration registration = pubsub.definePublisher(EXCHANGE_POINT, "bench", List.of(TOPIC),
                    "");
            publisher = new Publisher(client, pubsub, registration.id());
            // confirms the registration with the service before any subscription exists, so no batch pays for it
            publisher.publish(TOPIC, CONTENT);
            subscribing = Broker.startContainer(system, "subscribers");
            for (int i = 0; i < subscribers; i++) {
                Subscription subscription = pubsub.subscribeTransient(EXCHANGE_POINT, TOPIC);
                subscriptions.add(subscription);
                subscribing.spawn(new Sink(subscription, arrivals));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            subscribing.close();
            try {
                for (Subscription subscription : subscriptions) {
                    pubsub.unsubscribe(subscription.id());
                }
                publishing.transport().deleteExchange(exchangePoint.exchange());
            } finally {
                publishing.close();
            }
        }
    }

    /** The raw side: a publisher connection, and a subscriber connection with one channel per subscriber. */
    @State(Scope.Benchmark)
    public static class Raw {
        @Param({"1", "4", "16"})
        public int subscribers;
        final Arrivals arrivals = new Arrivals();
        String exchange;
        Connection subscriberConnection;
        Connection publisherConnection;
        Channel publisher;
        final List<String> queues = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String system = Broker.uniqueName();
            exchange = system + "." + EXCHANGE_POINT;
            subscriberConnection = Broker.rawFactory().newConnection(system + "-subscribers");
            for (int i = 0; i < subscribers; i++) {
                Channel channel = subscriberConnection.createChannel();
                if (i == 0) {
                    channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, Map.of());
                }
                String queue = system + ".subscription-" + i;
                channel.queueDeclare(queue, false, false, true,
                        Map.of("x-expires", Subscription.TRANSIENT_IDLE_EXPIRY.toMillis()));
                channel.queueBind(queue, exchange, TOPIC);
                queues.add(queue);
                channel.basicQos(PREFETCH);
                channel.basicConsume(queue, false, new DefaultConsumer(channel) {
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
            }
            publisherConnection = Broker.rawFactory().newConnection(system + "-publisher");
            publisher = publisherConnection.createChannel();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                publisher.exchangeDelete(exchange);
            } finally {
                publisherConnection.close();
                subscriberConnection.close();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(DELIVERIES)
    public void ioncore(Ioncore s) {
        s.arrivals.expect(DELIVERIES);
        for (int i = DELIVERIES / s.subscribers; i > 0; i--) {
            s.publisher.publish(TOPIC, CONTENT);
        }
        s.arrivals.await();
    }

    @Benchmark
    @OperationsPerInvocation(DELIVERIES)
    public void raw(Raw s) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(1).build();
        s.arrivals.expect(DELIVERIES);
        for (int i = DELIVERIES / s.subscribers; i > 0; i--) {
            s.publisher.basicPublish(s.exchange, TOPIC, properties, CONTENT.getBytes(StandardCharsets.UTF_8));
        }
        s.arrivals.await();
    }
}
