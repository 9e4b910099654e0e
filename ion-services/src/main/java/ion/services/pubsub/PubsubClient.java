package ion.services.pubsub;

import ion.core.messaging.Message;
import ion.core.messaging.spi.QueueSpec;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls the {@code pubsub} service of the caller's system. Every method throws {@link ion.core.process.ReceivedError}
 * when the service answers ERROR; its {@code exceptionText()} names the problem (see {@link PubsubService}).
 */
public class PubsubClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public PubsubClient(Process caller) {
        super(caller, PubsubService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public PubsubClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /** Declares an exchange space unless it exists; answers its resource id. */
    public String declareExchangeSpace(String name) {
        return Message.convert(map(rpc("declare_exchange_space", Map.of("name", name))).get("id"), String.class,
                "id");
    }

    /** Declares an exchange point in the default exchange space unless it exists. */
    public ExchangePoint declareExchangePoint(String name) {
        return ExchangePoint.fromMap(map(rpc("declare_exchange_point", Map.of("name", name))));
    }

    /** Declares an exchange point in an exchange space unless it exists. */
    public ExchangePoint declareExchangePoint(String name, String exchangeSpace) {
        return ExchangePoint.fromMap(map(rpc("declare_exchange_point", Map.of("name", name, "exchange_space",
                exchangeSpace))));
    }

    /** Removes an unused exchange point and its exchange. */
    public ExchangePoint undeclareExchangePoint(String name) {
        return ExchangePoint.fromMap(map(rpc("undeclare_exchange_point", Map.of("name", name))));
    }

    /** The exchange points whose names match a topic pattern. */
    public List<ExchangePoint> queryExchangePoints(String pattern) {
        return list(rpc("query_exchange_points", Map.of("pattern", pattern)), ExchangePoint::fromMap);
    }

    /** Declares a topic of an exchange point unless it exists. */
    public Topic declareTopic(String exchangePoint, String name) {
        return Topic.fromMap(map(rpc("declare_topic", Map.of("exchange_point", exchangePoint, "name", name))));
    }

    /** Removes a topic. */
    public Topic undeclareTopic(String exchangePoint, String name) {
        return Topic.fromMap(map(rpc("undeclare_topic", Map.of("exchange_point", exchangePoint, "name", name))));
    }

    /** The topics of an exchange point whose names match a topic pattern. */
    public List<Topic> queryTopics(String exchangePoint, String pattern) {
        return list(rpc("query_topics", Map.of("exchange_point", exchangePoint, "pattern", pattern)), Topic::fromMap);
    }

    /** Registers a publisher for declared topics. */
    public PublisherRegistration definePublisher(String exchangePoint, String name, List<String> topics,
            String credentials) {
        return PublisherRegistration.fromMap(map(rpc("define_publisher", Map.of("exchange_point", exchangePoint,
                "name", name, "topics", topics, "credentials", credentials))));
    }

    /** The publishers of an exchange point. */
    public List<PublisherRegistration> queryPublishers(String exchangePoint) {
        return list(rpc("query_publishers", Map.of("exchange_point", exchangePoint)), PublisherRegistration::fromMap);
    }

    /**
     * Confirms that a publisher is registered for a topic.
     *
     * @return the exchange to publish to
     */
    public String checkPublisher(String publisherId, String topic) {
        return Message.convert(map(rpc("check_publisher", Map.of("publisher", publisherId, "topic", topic)))
                .get("exchange"), String.class, "exchange");
    }

    /** A transient subscription: its queue goes with its consumer. */
    public Subscription subscribeTransient(String exchangePoint, String pattern) {
        return subscribe(Map.of("exchange_point", exchangePoint, "pattern", pattern));
    }

    /** A durable subscription without a length limit, or the existing one of that name. */
    public Subscription subscribeDurable(String exchangePoint, String name, String pattern) {
        return subscribe(Map.of("exchange_point", exchangePoint, "pattern", pattern, "durable", true, "name", name));
    }

    /** A durable subscription with a length limit, or the existing one of that name. */
    public Subscription subscribeDurable(String exchangePoint, String name, String pattern, int maxLength,
            QueueSpec.Overflow overflow) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("exchange_point", exchangePoint);
        request.put("pattern", pattern);
        request.put("durable", true);
        request.put("name", name);
        request.put("max_length", maxLength);
        request.put("overflow", overflow.wireName());
        return subscribe(request);
    }

    /** Subscribes with the fields of the {@code subscribe} op. */
    public Subscription subscribe(Map<String, ?> request) {
        return Subscription.fromMap(map(rpc("subscribe", request)));
    }

    /** Cancels a subscription; its queue is deleted. */
    public Subscription unsubscribe(String subscriptionId) {
        return Subscription.fromMap(map(rpc("unsubscribe", Map.of("id", subscriptionId))));
    }

    /** The subscriptions of an exchange point. */
    public List<Subscription> querySubscribers(String exchangePoint) {
        return list(rpc("query_subscribers", Map.of("exchange_point", exchangePoint)), Subscription::fromMap);
    }

    /** The subscriptions of an exchange point whose pattern matches a topic. */
    public List<Subscription> querySubscribers(String exchangePoint, String topic) {
        return list(rpc("query_subscribers", Map.of("exchange_point", exchangePoint, "topic", topic)),
                Subscription::fromMap);
    }

    /** The subscription with this id, or whose queue has this name. */
    public Subscription subscription(String idOrQueue) {
        return Subscription.fromMap(map(rpc("get_subscription", Map.of("id", idOrQueue))));
    }

    private static Map<?, ?> map(Message reply) {
        return reply.contentAs(Map.class);
    }

    private static <T> List<T> list(Message reply, Function<Map<?, ?>, T> reader) {
        List<?> found = reply.contentAs(List.class);
        return found.stream().map(o -> reader.apply(Message.convert(o, Map.class, "entry"))).toList();
    }
}
