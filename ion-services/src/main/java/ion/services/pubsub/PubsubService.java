package ion.services.pubsub;

import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.QueueSpec;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.services.registry.Association;
import ion.services.registry.AssociationClient;
import ion.services.registry.AssociationService;
import ion.services.registry.LifeCycleState;
import ion.services.registry.ResourceRegistryClient;
import ion.services.registry.ResourceRegistryService;
import ion.services.support.RecordCodec;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import ion.store.IndexStore;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code pubsub} service: the model of the data distribution network (exchange spaces, exchange points,
 * topics, publishers, subscriptions) and the broker topology behind it. It is not on the data path: publishers
 * publish straight to an exchange point's exchange with the topic as routing key (see {@link Publisher}) and
 * subscribers consume their subscription's queue (see {@link Subscriber}).
 *
 * <table>
 *   <caption>Operations (content and replies are maps, or lists of them)</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code declare_exchange_space}</td><td>{@code {name}}</td><td>{@code {id, name}}</td></tr>
 *   <tr><td>{@code query_exchange_spaces}</td><td>none</td><td>list of {@code {id, name}}</td></tr>
 *   <tr><td>{@code declare_exchange_point}</td><td>{@code {name, exchange_space?}} (default
 *       {@value #DEFAULT_EXCHANGE_SPACE}, declared if missing)</td><td>{@link ExchangePoint}; declares the topic
 *       exchange {@code <sysname>.<name>}</td></tr>
 *   <tr><td>{@code undeclare_exchange_point}</td><td>{@code {name}}</td><td>the exchange point; refused while it
 *       has topics, publishers or subscriptions</td></tr>
 *   <tr><td>{@code query_exchange_points}</td><td>{@code {pattern?}}</td><td>list of {@link ExchangePoint}</td></tr>
 *   <tr><td>{@code declare_topic}</td><td>{@code {exchange_point, name}}</td><td>{@link Topic}</td></tr>
 *   <tr><td>{@code undeclare_topic}</td><td>{@code {exchange_point, name}}</td><td>the topic; publishers lose
 *       their registration for it</td></tr>
 *   <tr><td>{@code query_topics}</td><td>{@code {exchange_point, pattern?}}</td><td>list of {@link Topic}</td></tr>
 *   <tr><td>{@code define_publisher}</td><td>{@code {exchange_point, name, topics, credentials?}}</td><td>
 *       {@link PublisherRegistration}</td></tr>
 *   <tr><td>{@code check_publisher}</td><td>{@code {publisher, topic}}</td><td>{@code {exchange, exchange_point,
 *       topic}} if the publisher (id) is registered for the topic</td></tr>
 *   <tr><td>{@code query_publishers}</td><td>{@code {exchange_point, topic?}}</td><td>list of
 *       {@link PublisherRegistration}</td></tr>
 *   <tr><td>{@code subscribe}</td><td>{@code {exchange_point, pattern, durable?, name?, max_length?,
 *       overflow?}}</td><td>{@link Subscription}; its queue is declared and bound at once, so it collects from
 *       now on</td></tr>
 *   <tr><td>{@code unsubscribe}</td><td>{@code {id}}</td><td>the subscription; its queue is deleted</td></tr>
 *   <tr><td>{@code query_subscribers}</td><td>{@code {exchange_point, topic?}}</td><td>list of
 *       {@link Subscription}, those whose pattern matches the topic if given</td></tr>
 *   <tr><td>{@code get_subscription}</td><td>{@code {id}}: a subscription's id or its queue's name</td><td>the
 *       {@link Subscription}</td></tr>
 * </table>
 *
 * <p>A durable subscription needs a {@code name}; subscribing again with the same name, pattern and limits answers
 * the existing subscription (that is how a restarted subscriber finds its queue), with others it is refused.
 * {@code overflow} is {@code drop-head} (default: keep the newest) or {@code reject-publish} (keep the oldest).
 *
 * <p>Errors are ERROR replies naming the problem: an unknown exchange point, topic, publisher or subscription gets
 * {@link ResponseCodes#APP_RESOURCE_NOT_FOUND}; a publisher not registered for the topic
 * {@link ResponseCodes#PERMISSION_ERROR}; a malformed name or pattern and any other bad input
 * {@link ResponseCodes#BAD_REQUEST}.
 *
 * <p><b>Model.</b> Every exchange space, exchange point, topic, publisher and subscription is a resource of the
 * {@code resource_registry} (types {@value #EXCHANGE_SPACE}, {@value #EXCHANGE_POINT}, {@value #TOPIC},
 * {@value #PUBLISHER}, {@value #SUBSCRIPTION}), Active while declared and Decommissioned once undeclared, linked
 * by {@code association} triples: exchange point {@value #IN_EXCHANGE_SPACE} space, topic
 * {@value #IN_EXCHANGE_POINT} exchange point, publisher {@value #PUBLISHES_TO} topic, subscription
 * {@value #IN_EXCHANGE_POINT} exchange point and {@value #SUBSCRIBES_TO} each declared topic its pattern matches.
 * The attributes the registry does not hold (topic lists, credentials, queues, limits) are kept in this service's
 * store ({@code store-dir} spawn argument, as for the registry services), keyed by name or resource id.
 */
public class PubsubService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "pubsub";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "pubsub";
    /** The exchange space of exchange points declared without one (R1's name). */
    public static final String DEFAULT_EXCHANGE_SPACE = "swapmeet";
    /** Resource type of exchange spaces. */
    public static final String EXCHANGE_SPACE = "ExchangeSpace";
    /** Resource type of exchange points. */
    public static final String EXCHANGE_POINT = "ExchangePoint";
    /** Resource type of topics. */
    public static final String TOPIC = "Topic";
    /** Resource type of publishers. */
    public static final String PUBLISHER = "Publisher";
    /** Resource type of subscriptions. */
    public static final String SUBSCRIPTION = "Subscription";
    /** Predicate: exchange point to its exchange space. */
    public static final String IN_EXCHANGE_SPACE = "inExchangeSpace";
    /** Predicate: topic or subscription to its exchange point. */
    public static final String IN_EXCHANGE_POINT = "inExchangePoint";
    /** Predicate: publisher to a topic it is registered for. */
    public static final String PUBLISHES_TO = "publishesTo";
    /** Predicate: subscription to a declared topic its pattern matches. */
    public static final String SUBSCRIBES_TO = "subscribesTo";

    private static final ServiceDeclaration DECLARATION = new ServiceDeclaration(NAME, "0.1.0",
            List.of(ResourceRegistryService.NAME, AssociationService.NAME));

    private ResourceRegistryClient registry;
    private AssociationClient associations;

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    @Override
    protected void onServiceInit() {
        super.onServiceInit();
        registry = new ResourceRegistryClient(this);
        associations = new AssociationClient(this);
    }

    // ------------------------------------------------------------------ exchange spaces and points

    /** Declares an exchange space, unless it exists. */
    @Op("declare_exchange_space")
    public void declareExchangeSpace(Message request) {
        answer(request, () -> exchangeSpace(Request.of("declare_exchange_space", request).name("name")));
    }

    /** All exchange spaces, by name. */
    @Op("query_exchange_spaces")
    public void queryExchangeSpaces(Message request) {
        answer(request, () -> records(Kind.SPACE, List.of(), Function.identity()).stream()
                .sorted(Comparator.comparing(m -> (String) m.get("name"))).toList());
    }

    /** Declares an exchange point and its topic exchange, unless it exists. */
    @Op("declare_exchange_point")
    public void declareExchangePoint(Message request) {
        answer(request, () -> {
            Request r = Request.of("declare_exchange_point", request);
            String name = r.name("name");
            String space = r.optionalString("exchange_space").orElse(DEFAULT_EXCHANGE_SPACE);
            Optional<ExchangePoint> existing = exchangePoint(name);
            if (existing.isPresent()) {
                if (!existing.get().exchangeSpace().equals(space)) {
                    throw Request.badRequest("exchange point '" + name + "' exists in exchange space '"
                            + existing.get().exchangeSpace() + "', not '" + space + "'");
                }
                declareExchange(existing.get().exchange());
                return existing.get().toMap();
            }
            Map<String, Object> xs = exchangeSpace(space);
            String exchange = qualifyExchange(name);
            declareExchange(exchange);
            String id = registerActive(EXCHANGE_POINT, name, "exchange point " + exchange + " in exchange space "
                    + space);
            associations.associate(id, IN_EXCHANGE_SPACE, (String) xs.get("id"));
            ExchangePoint xp = new ExchangePoint(id, name, space, exchange);
            save(Kind.POINT, name, xp.toMap(), name);
            return xp.toMap();
        });
    }

    /** Removes an exchange point and deletes its exchange, if nothing uses it any more. */
    @Op("undeclare_exchange_point")
    public void undeclareExchangePoint(Message request) {
        answer(request, () -> {
            ExchangePoint xp = requirePoint(Request.of("undeclare_exchange_point", request).name("name"));
            List<String> users = new ArrayList<>();
            topics(xp.name()).forEach(t -> users.add("topic " + t.name()));
            publishers(xp.name()).forEach(p -> users.add("publisher " + p.name()));
            subscriptions(xp.name()).forEach(s -> users.add("subscription " + s.name()));
            if (!users.isEmpty()) {
                throw Request.badRequest("exchange point '" + xp.name() + "' is still in use by " + users
                        + "; undeclare them first");
            }
            deleteExchange(xp.exchange());
            forget(Kind.POINT, xp.name(), xp.id());
            return xp.toMap();
        });
    }

    /** The exchange points whose names match a pattern (all without one), by name. */
    @Op("query_exchange_points")
    public void queryExchangePoints(Message request) {
        answer(request, () -> {
            String pattern = Request.of("query_exchange_points", request).pattern("pattern").orElse("#");
            return records(Kind.POINT, List.of(), ExchangePoint::fromMap).stream()
                    .filter(xp -> TopicNames.matches(pattern, xp.name()))
                    .sorted(Comparator.comparing(ExchangePoint::name)).map(ExchangePoint::toMap).toList();
        });
    }

    // ------------------------------------------------------------------ topics

    /** Declares a topic of an exchange point, unless it exists. */
    @Op("declare_topic")
    public void declareTopic(Message request) {
        answer(request, () -> {
            Request r = Request.of("declare_topic", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            String name = r.name("name");
            Optional<Topic> existing = topic(xp.name(), name);
            if (existing.isPresent()) {
                return existing.get().toMap();
            }
            String id = registerActive(TOPIC, name, "topic " + name + " of exchange point " + xp.name());
            associations.associate(id, IN_EXCHANGE_POINT, xp.id());
            for (Subscription s : subscriptions(xp.name())) {
                if (TopicNames.matches(s.pattern(), name)) {
                    associations.associate(s.id(), SUBSCRIBES_TO, id);
                }
            }
            Topic t = new Topic(id, xp.name(), name);
            save(Kind.TOPIC, topicKey(xp.name(), name), t.toMap(), xp.name());
            return t.toMap();
        });
    }

    /** Removes a topic; the publishers registered for it lose that registration. */
    @Op("undeclare_topic")
    public void undeclareTopic(Message request) {
        answer(request, () -> {
            Request r = Request.of("undeclare_topic", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            Topic t = requireTopic(xp.name(), r.name("name"));
            for (PublisherRegistration p : publishers(xp.name())) {
                if (p.topics().contains(t.name())) {
                    List<String> rest = p.topics().stream().filter(n -> !n.equals(t.name())).toList();
                    PublisherRegistration changed = new PublisherRegistration(p.id(), p.name(), p.exchangePoint(),
                            rest, p.credentials());
                    save(Kind.PUBLISHER, p.id(), changed.toMap(), xp.name());
                }
            }
            forget(Kind.TOPIC, topicKey(xp.name(), t.name()), t.id());
            return t.toMap();
        });
    }

    /** The topics of an exchange point whose names match a pattern (all without one), by name. */
    @Op("query_topics")
    public void queryTopics(Message request) {
        answer(request, () -> {
            Request r = Request.of("query_topics", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            String pattern = r.pattern("pattern").orElse("#");
            return topics(xp.name()).stream().filter(t -> TopicNames.matches(pattern, t.name()))
                    .map(Topic::toMap).toList();
        });
    }

    // ------------------------------------------------------------------ publishers

    /** Registers a publisher for declared topics of an exchange point. */
    @Op("define_publisher")
    public void definePublisher(Message request) {
        answer(request, () -> {
            Request r = Request.of("define_publisher", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            String name = r.requiredString("name");
            List<String> topicNames = r.names("topics").stream().distinct().sorted().toList();
            String credentials = r.optionalString("credentials").orElse("");
            List<Topic> topics = new ArrayList<>();
            for (String n : topicNames) {
                topics.add(requireTopic(xp.name(), n));
            }
            String id = registerActive(PUBLISHER, name, "publisher of " + topicNames + " on exchange point "
                    + xp.name());
            for (Topic t : topics) {
                associations.associate(id, PUBLISHES_TO, t.id());
            }
            PublisherRegistration p = new PublisherRegistration(id, name, xp.name(), topicNames, credentials);
            save(Kind.PUBLISHER, id, p.toMap(), xp.name());
            return p.toMap();
        });
    }

    /** Confirms that a publisher may publish to a topic, and where to. */
    @Op("check_publisher")
    public void checkPublisher(Message request) {
        answer(request, () -> {
            Request r = Request.of("check_publisher", request);
            String id = r.requiredString("publisher");
            String topicName = r.name("topic");
            PublisherRegistration p = load(Kind.PUBLISHER, id).map(PublisherRegistration::fromMap)
                    .orElseThrow(() -> notFound("unknown publisher '" + id + "'; define it with define_publisher"));
            ExchangePoint xp = requirePoint(p.exchangePoint());
            requireTopic(xp.name(), topicName);
            if (!p.topics().contains(topicName)) {
                throw new RequestException(ResponseCodes.PERMISSION_ERROR, "publisher '" + p.name() + "' (" + id
                        + ") is not registered for topic '" + topicName + "' on exchange point '" + xp.name()
                        + "'; it is registered for " + p.topics());
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("exchange", xp.exchange());
            reply.put("exchange_point", xp.name());
            reply.put("topic", topicName);
            return reply;
        });
    }

    /** The publishers of an exchange point, or those registered for one of its topics. */
    @Op("query_publishers")
    public void queryPublishers(Message request) {
        answer(request, () -> {
            Request r = Request.of("query_publishers", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            Optional<String> topic = r.optionalString("topic");
            return publishers(xp.name()).stream().filter(p -> topic.isEmpty() || p.topics().contains(topic.get()))
                    .map(PublisherRegistration::toMap).toList();
        });
    }

    // ------------------------------------------------------------------ subscriptions

    /** Subscribes to the topics of an exchange point matching a pattern; declares and binds the queue. */
    @Op("subscribe")
    public void subscribe(Message request) {
        answer(request, () -> {
            Request r = Request.of("subscribe", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            String pattern = r.pattern("pattern").orElseThrow(() -> Request.badRequest(
                    "op 'subscribe' needs field 'pattern' (a topic pattern)"));
            boolean durable = r.optionalFlag("durable").orElse(false);
            Optional<Integer> maxLength = r.optionalCount("max_length");
            String overflowName = r.optionalString("overflow").orElse(QueueSpec.DEFAULT_OVERFLOW.wireName());
            QueueSpec.Overflow overflow = Subscription.overflow(overflowName).orElseThrow(() -> Request.badRequest(
                    "op 'subscribe': overflow '" + overflowName + "' is neither 'drop-head' nor 'reject-publish'"));
            Optional<String> name = durable ? Optional.of(r.name("name")) : Optional.empty();
            if (name.isPresent()) {
                Optional<Subscription> existing = subscriptions(xp.name()).stream()
                        .filter(s -> s.durable() && s.name().equals(name.get())).findFirst();
                if (existing.isPresent()) {
                    Subscription s = existing.get();
                    if (!s.pattern().equals(pattern) || !s.maxLength().equals(maxLength)
                            || (maxLength.isPresent() && s.overflow() != overflow)) {
                        throw Request.badRequest("durable subscription '" + s.name() + "' exists on exchange point '"
                                + xp.name() + "' with pattern '" + s.pattern() + "', max_length " + s.maxLength()
                                        .map(String::valueOf).orElse("none") + ", overflow " + s.overflow()
                                        .wireName() + "; unsubscribe it first to change it");
                    }
                    declareQueue(s.queueSpec(), s.bindings());
                    return s.toMap();
                }
            }
            String subscriptionName = name.orElse("transient-" + UUID.randomUUID());
            String id = registerActive(SUBSCRIPTION, subscriptionName, (durable ? "durable" : "transient")
                    + " subscription to '" + pattern + "' on exchange point " + xp.name());
            String queue = xp.exchange() + (durable ? ".durable." + subscriptionName : ".transient." + id);
            Subscription s = new Subscription(id, subscriptionName, xp.name(), xp.exchange(), pattern, queue,
                    durable, maxLength, overflow);
            declareQueue(s.queueSpec(), s.bindings());
            associations.associate(id, IN_EXCHANGE_POINT, xp.id());
            for (Topic t : topics(xp.name())) {
                if (TopicNames.matches(pattern, t.name())) {
                    associations.associate(id, SUBSCRIBES_TO, t.id());
                }
            }
            save(Kind.SUBSCRIPTION, id, s.toMap(), xp.name());
            return s.toMap();
        });
    }

    /** Cancels a subscription and deletes its queue with what waits in it. */
    @Op("unsubscribe")
    public void unsubscribe(Message request) {
        answer(request, () -> {
            String id = Request.of("unsubscribe", request).requiredString("id");
            Subscription s = load(Kind.SUBSCRIPTION, id).map(Subscription::fromMap)
                    .orElseThrow(() -> notFound("unknown subscription '" + id + "'"));
            deleteQueue(s.queue());
            forget(Kind.SUBSCRIPTION, id, id);
            return s.toMap();
        });
    }

    /** The subscriptions of an exchange point, or those whose pattern matches a topic. */
    @Op("query_subscribers")
    public void querySubscribers(Message request) {
        answer(request, () -> {
            Request r = Request.of("query_subscribers", request);
            ExchangePoint xp = requirePoint(r.name("exchange_point"));
            Optional<String> topic = r.optionalString("topic");
            topic.ifPresent(t -> TopicNames.topicProblem(t).ifPresent(p -> {
                throw Request.badRequest("op 'query_subscribers': field 'topic': " + p);
            }));
            return subscriptions(xp.name()).stream()
                    .filter(s -> topic.isEmpty() || TopicNames.matches(s.pattern(), topic.get()))
                    .map(Subscription::toMap).toList();
        });
    }

    /** One subscription, by its id or by its queue's name. */
    @Op("get_subscription")
    public void getSubscription(Message request) {
        answer(request, () -> {
            String reference = Request.of("get_subscription", request).requiredString("id");
            return load(Kind.SUBSCRIPTION, reference).map(Subscription::fromMap)
                    .or(() -> records(Kind.SUBSCRIPTION, List.of(), Subscription::fromMap).stream()
                            .filter(s -> s.queue().equals(reference)).findFirst())
                    .orElseThrow(() -> notFound("unknown subscription '" + reference
                            + "' (neither a subscription id nor a subscription's queue)"))
                    .toMap();
        });
    }

    // ------------------------------------------------------------------ model

    /** The kinds of records in the store, each under its own key prefix. */
    private enum Kind {
        SPACE("xs/"), POINT("xp/"), TOPIC("topic/"), PUBLISHER("pub/"), SUBSCRIPTION("sub/");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private String qualifyExchange(String exchangePoint) {
        return sysname() + "." + exchangePoint;
    }

    private Map<String, Object> exchangeSpace(String name) {
        Optional<Map<String, Object>> existing = load(Kind.SPACE, name);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = registerActive(EXCHANGE_SPACE, name, "exchange space " + name);
        Map<String, Object> xs = new LinkedHashMap<>();
        xs.put("id", id);
        xs.put("name", name);
        save(Kind.SPACE, name, xs, "");
        return xs;
    }

    private Optional<ExchangePoint> exchangePoint(String name) {
        return load(Kind.POINT, name).map(ExchangePoint::fromMap);
    }

    private ExchangePoint requirePoint(String name) {
        return exchangePoint(name).orElseThrow(() -> notFound("unknown exchange point '" + name
                + "'; declare it with declare_exchange_point"));
    }

    private Optional<Topic> topic(String exchangePoint, String name) {
        return load(Kind.TOPIC, topicKey(exchangePoint, name)).map(Topic::fromMap);
    }

    private Topic requireTopic(String exchangePoint, String name) {
        return topic(exchangePoint, name).orElseThrow(() -> notFound("unknown topic '" + name
                + "' on exchange point '" + exchangePoint + "'; declare it with declare_topic"));
    }

    private List<Topic> topics(String exchangePoint) {
        return records(Kind.TOPIC, List.of(Predicate.eq("xp", exchangePoint)), Topic::fromMap).stream()
                .sorted(Comparator.comparing(Topic::name)).toList();
    }

    private List<PublisherRegistration> publishers(String exchangePoint) {
        return records(Kind.PUBLISHER, List.of(Predicate.eq("xp", exchangePoint)), PublisherRegistration::fromMap)
                .stream().sorted(Comparator.comparing(PublisherRegistration::name)
                        .thenComparing(PublisherRegistration::id)).toList();
    }

    private List<Subscription> subscriptions(String exchangePoint) {
        return records(Kind.SUBSCRIPTION, List.of(Predicate.eq("xp", exchangePoint)), Subscription::fromMap)
                .stream().sorted(Comparator.comparing(Subscription::name)).toList();
    }

    private static String topicKey(String exchangePoint, String topic) {
        return exchangePoint + "/" + topic;
    }

    private static RequestException notFound(String text) {
        return new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, text);
    }

    /** Registers a resource and makes it Active; answers its id. */
    private String registerActive(String type, String name, String description) {
        String id = registry.register(type, name, description).id();
        registry.setState(id, LifeCycleState.ACTIVE);
        return id;
    }

    /** Removes a record, the associations of its resource, and decommissions the resource. */
    private void forget(Kind kind, String key, String resourceId) {
        store().remove(key(kind, key));
        List<Association> linked = new ArrayList<>(associations.findBySubject(resourceId));
        linked.addAll(associations.findByObject(resourceId));
        for (Association a : linked) {
            associations.remove(a.id());
        }
        registry.setState(resourceId, LifeCycleState.DECOMMISSIONED);
    }

    private void save(Kind kind, String key, Map<String, Object> record, String exchangePoint) {
        store().put(key(kind, key), RecordCodec.encode(record), Map.of("kind", kind.name(), "xp", exchangePoint));
    }

    private Optional<Map<String, Object>> load(Kind kind, String key) {
        return store().get(key(kind, key)).map(RecordCodec::decode);
    }

    private <T> List<T> records(Kind kind, List<Predicate> more, Function<Map<String, Object>, T> reader) {
        List<Predicate> predicates = new ArrayList<>(more);
        predicates.add(Predicate.eq("kind", kind.name()));
        List<T> result = new ArrayList<>();
        for (IndexStore.Hit hit : store().query(predicates)) {
            result.add(reader.apply(RecordCodec.decode(hit.value())));
        }
        return result;
    }

    private static byte[] key(Kind kind, String key) {
        return (kind.prefix + key).getBytes(StandardCharsets.UTF_8);
    }
}
