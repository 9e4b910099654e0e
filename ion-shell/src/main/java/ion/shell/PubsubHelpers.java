package ion.shell;

import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.process.ProcessId;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.Subscriber;
import ion.services.pubsub.Subscription;
import ion.services.pubsub.Topic;
import ion.services.pubsub.TopicNames;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data distribution helpers of the shell ({@link ShellApi#xps}, {@link ShellApi#topics}, {@link ShellApi#subs},
 * {@link ShellApi#publish}, {@link ShellApi#tail}, {@link ShellApi#untail}), through the system's {@code pubsub}
 * service.
 */
final class PubsubHelpers {
    /** The name the shell's publisher registrations carry. */
    static final String PUBLISHER_NAME = "shell";

    /** Per exchange point and topic, the shell's publisher registered for it. */
    private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
    /** The running tails: printer process to its transient subscription. */
    private final Map<ProcessId, Subscription> tails = new ConcurrentHashMap<>();

    List<ExchangePoint> exchangePoints(ShellApi.Session s) {
        PubsubClient pubsub = new PubsubClient(s.client());
        List<ExchangePoint> points = pubsub.queryExchangePoints("#");
        Table t = new Table("EXCHANGE POINT", "SPACE", "EXCHANGE", "TOPICS", "PUBLISHERS", "SUBSCRIPTIONS");
        for (ExchangePoint xp : points) {
            t.row(xp.name(), xp.exchangeSpace(), xp.exchange(),
                    Integer.toString(pubsub.queryTopics(xp.name(), "#").size()),
                    Integer.toString(pubsub.queryPublishers(xp.name()).size()),
                    Integer.toString(pubsub.querySubscribers(xp.name()).size()));
        }
        print(s.out(), t, "no exchange point is declared");
        return points;
    }

    List<Topic> topics(ShellApi.Session s, String exchangePoint, String pattern) {
        PubsubClient pubsub = new PubsubClient(s.client());
        List<Topic> topics = pubsub.queryTopics(exchangePoint, pattern);
        Table t = new Table("TOPIC", "PUBLISHERS", "SUBSCRIPTIONS");
        for (Topic topic : topics) {
            t.row(topic.name(), Long.toString(pubsub.queryPublishers(exchangePoint).stream()
                    .filter(p -> p.topics().contains(topic.name())).count()),
                    Integer.toString(pubsub.querySubscribers(exchangePoint, topic.name()).size()));
        }
        print(s.out(), t, "no topic of " + exchangePoint + " matches " + pattern);
        return topics;
    }

    List<Subscription> subscriptions(ShellApi.Session s, String exchangePoint) {
        List<Subscription> subs = new PubsubClient(s.client()).querySubscribers(exchangePoint);
        Table t = new Table("ID", "NAME", "PATTERN", "KIND", "QUEUE", "WAITING", "LIMIT");
        for (Subscription sub : subs) {
            t.row(sub.id(), sub.name(), sub.pattern(), sub.durable() ? "durable" : "transient", sub.queue(),
                    waiting(s, sub.queue()), sub.maxLength().map(m -> m + " " + sub.overflow().wireName())
                            .orElse("-"));
        }
        print(s.out(), t, "no subscription on " + exchangePoint);
        return subs;
    }

    void publish(ShellApi.Session s, String exchangePoint, String topic, Object content) {
        Publisher publisher = publishers.get(exchangePoint + " " + topic);
        if (publisher == null) {
            String id = new PubsubClient(s.client()).definePublisher(exchangePoint, PUBLISHER_NAME, List.of(topic),
                    "").id();
            publisher = new Publisher(s.client(), id);
            publishers.put(exchangePoint + " " + topic, publisher);
        }
        publisher.publish(topic, content);
        s.out().println("published to " + topic + " on " + exchangePoint);
    }

    ProcessId tail(ShellApi.Session s, String exchangePoint, String pattern) {
        TopicNames.patternProblem(pattern).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Subscription sub = new PubsubClient(s.client()).subscribeTransient(exchangePoint, pattern);
        ProcessId id = s.container().processes().spawn(new Tail(sub, s.out()));
        tails.put(id, sub);
        s.out().println("tailing " + pattern + " on " + exchangePoint + " as " + id + "; untail() stops it");
        return id;
    }

    void untail(ShellApi.Session s) {
        PubsubClient pubsub = new PubsubClient(s.client());
        for (Map.Entry<ProcessId, Subscription> e : Map.copyOf(tails).entrySet()) {
            s.container().processes().terminate(e.getKey());
            pubsub.unsubscribe(e.getValue().id());
            tails.remove(e.getKey());
            s.out().println("stopped tail " + e.getKey() + " of " + e.getValue().pattern());
        }
    }

    private static String waiting(ShellApi.Session s, String queue) {
        try {
            return Long.toString(s.container().transport().messageCount(queue));
        } catch (MessagingException e) {
            return "gone";
        }
    }

    private static void print(PrintStream out, Table t, String empty) {
        if (t.isEmpty()) {
            out.println(empty);
        } else {
            t.print(out);
        }
    }

    /** Prints each data message of a subscription as {@code [topic] content}. */
    static final class Tail extends Subscriber {
        private final Subscription subscription;
        private final PrintStream out;

        Tail(Subscription subscription, PrintStream out) {
            this.subscription = subscription;
            this.out = out;
        }

        @Override
        protected void onInit() {
            consume(subscription);
        }

        @Override
        protected void onData(String topic, Message message) {
            out.println("[" + topic + "] " + message.content().map(PubsubHelpers::describe).orElse("(no content)"));
        }
    }

    private static String describe(Object content) {
        return content instanceof byte[] b ? "binary (" + b.length + " bytes)" : String.valueOf(content);
    }
}
