package ion.shell;

import ion.core.container.Container;
import ion.core.messaging.ExchangeNotFoundException;
import ion.core.messaging.MessagingException;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.PubsubService;
import ion.services.pubsub.Subscription;
import ion.services.pubsub.Topic;
import ion.services.pubsub.TopicNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows and drives the running system's data distribution through its {@code pubsub} service, as readable text:
 * exchange points, topics, subscriptions with the messages waiting and flowing, a test publish and a tail of a
 * topic pattern. Used by the shell's helpers and by {@code bin/ion-pubsub}. Each listing prints a table and returns
 * what it found; an ERROR reply of the service (an unknown exchange point, say) is thrown as
 * {@link ion.core.process.ReceivedError}, a refused publish as {@link ion.services.pubsub.PublishRefusedException}.
 *
 * <p>Not thread-safe for concurrent listings; the publisher registrations it made are remembered, so publishing to a
 * topic again does not register again.
 */
public final class PubsubInspector {
    /** The name the inspector's publisher registrations carry unless another is given. */
    public static final String DEFAULT_PUBLISHER_NAME = "inspector";
    /** The measuring window of {@link #subscriptions(String)}. */
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(1);

    private final Container container;
    private final Process caller;
    private final PubsubClient pubsub;
    private final String publisherName;
    private final PrintStream out;
    /** Per exchange point and topic, the publisher registered for it. */
    private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

    /**
     * An inspector asking the pubsub service of the caller's system under a service name.
     *
     * @param container the container of {@code caller}; the rate probe and tails run in it
     * @param caller the spawned process that sends the requests and publishes
     * @param serviceName the pubsub service's name (its {@code servicename} spawn argument)
     * @param publisherName the name of the publisher registrations made by {@link #publish}
     * @param out where to print
     */
    public PubsubInspector(Container container, Process caller, String serviceName, String publisherName,
            PrintStream out) {
        this.container = Objects.requireNonNull(container, "container");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.pubsub = new PubsubClient(caller, serviceName);
        this.publisherName = Objects.requireNonNull(publisherName, "publisherName");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * What a subscription holds and how fast messages flow through it, measured over a window.
     *
     * @param subscription the subscription
     * @param waiting the messages ready in its queue at the end of the window; empty if the queue is gone
     * @param window how long the flow was measured; zero if it was not
     * @param inPerSecond the messages per second published to a topic its pattern matches during the window, as
     *        counted by a temporary queue bound to the exchange point with the same pattern: what flowed into the
     *        subscription's queue (a full queue may have dropped some of them); empty if not measured
     * @param outPerSecond the messages per second that left its queue during the window: the inflow less the
     *        growth of {@code waiting}, i.e. consumed (delivered) or dropped by the length limit; empty if the queue
     *        is gone or nothing was measured
     */
    public record SubscriptionLoad(Subscription subscription, Optional<Long> waiting, Duration window,
            Optional<Double> inPerSecond, Optional<Double> outPerSecond) {
        public SubscriptionLoad {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(waiting, "waiting");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(inPerSecond, "inPerSecond");
            Objects.requireNonNull(outPerSecond, "outPerSecond");
        }
    }

    /** An inspector asking the system's {@code pubsub} service under its standard name. */
    public PubsubInspector(Container container, Process caller, String publisherName, PrintStream out) {
        this(container, caller, PubsubService.NAME, publisherName, out);
    }

    /** Prints and returns the exchange points with their topic, publisher and subscription counts. */
    public List<ExchangePoint> exchangePoints() {
        List<ExchangePoint> points = pubsub.queryExchangePoints("#");
        Table t = new Table("EXCHANGE POINT", "SPACE", "EXCHANGE", "TOPICS", "PUBLISHERS", "SUBSCRIPTIONS");
        for (ExchangePoint xp : points) {
            t.row(xp.name(), xp.exchangeSpace(), xp.exchange(),
                    Integer.toString(pubsub.queryTopics(xp.name(), "#").size()),
                    Integer.toString(pubsub.queryPublishers(xp.name()).size()),
                    Integer.toString(pubsub.querySubscribers(xp.name()).size()));
        }
        print(t, "no exchange point is declared");
        return points;
    }

    /** Prints and returns the topics of an exchange point matching a pattern, with their use. */
    public List<Topic> topics(String exchangePoint, String pattern) {
        List<Topic> topics = pubsub.queryTopics(exchangePoint, pattern);
        Table t = new Table("TOPIC", "PUBLISHERS", "SUBSCRIPTIONS");
        for (Topic topic : topics) {
            t.row(topic.name(), Long.toString(pubsub.queryPublishers(exchangePoint).stream()
                    .filter(p -> p.topics().contains(topic.name())).count()),
                    Integer.toString(pubsub.querySubscribers(exchangePoint, topic.name()).size()));
        }
        print(t, "no topic of " + exchangePoint + " matches " + pattern);
        return topics;
    }

    /** As {@link #subscriptions(String, Duration)} over {@link #DEFAULT_RATE_WINDOW}. */
    public List<SubscriptionLoad> subscriptions(String exchangePoint) {
        return subscriptions(exchangePoint, DEFAULT_RATE_WINDOW);
    }

    /**
     * Prints and returns the subscriptions of an exchange point with the messages waiting in each queue and, unless
     * {@code window} is zero, the rates in and out measured over that window (this call takes that long): see
     * {@link SubscriptionLoad}.
     */
    public List<SubscriptionLoad> subscriptions(String exchangePoint, Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("the rate window must not be negative, was " + window);
        }
        List<Subscription> subs = pubsub.querySubscribers(exchangePoint);
        List<SubscriptionLoad> loads = window.isZero() || subs.isEmpty()
                ? subs.stream().map(s -> new SubscriptionLoad(s, waiting(s.queue()), Duration.ZERO,
                        Optional.empty(), Optional.empty())).toList()
                : measure(subs, window);
        boolean rates = !window.isZero();
        List<String> header = new ArrayList<>(List.of("ID", "NAME", "PATTERN", "KIND", "QUEUE", "WAITING", "LIMIT"));
        if (rates) {
            header.addAll(List.of("IN/S", "OUT/S"));
        }
        Table t = new Table(header.toArray(String[]::new));
        for (SubscriptionLoad load : loads) {
            Subscription sub = load.subscription();
            List<String> row = new ArrayList<>(List.of(sub.id(), sub.name(), sub.pattern(),
                    sub.durable() ? "durable" : "transient", sub.queue(),
                    load.waiting().map(String::valueOf).orElse("gone"),
                    sub.maxLength().map(m -> m + " " + sub.overflow().wireName()).orElse("-")));
            if (rates) {
                row.add(load.inPerSecond().map(PubsubInspector::rate).orElse("-"));
                row.add(load.outPerSecond().map(PubsubInspector::rate).orElse("-"));
            }
            t.row(row.toArray(String[]::new));
        }
        print(t, "no subscription on " + exchangePoint);
        if (rates && !loads.isEmpty()) {
            out.println("IN/S: messages per second published to the pattern over " + seconds(window)
                    + " s; OUT/S: per second leaving the queue (consumed or dropped)");
        }
        return loads;
    }

    /**
     * Publishes a test message to a declared topic; the first publish to a topic registers a publisher for it under
     * this inspector's publisher name.
     *
     * @throws ion.core.process.ReceivedError if the exchange point or topic is unknown
     * @throws ion.services.pubsub.PublishRefusedException if the service refuses the publish
     */
    public void publish(String exchangePoint, String topic, Object content) {
        Publisher publisher = publishers.get(exchangePoint + " " + topic);
        if (publisher == null) {
            String id = pubsub.definePublisher(exchangePoint, publisherName, List.of(topic), "").id();
            publisher = new Publisher(caller, pubsub, id);
            publishers.put(exchangePoint + " " + topic, publisher);
        }
        publisher.publish(topic, content);
        out.println("published to " + topic + " on " + exchangePoint);
    }

    /**
     * Starts printing {@code [topic] content} for each message published to a topic of the exchange point matching
     * {@code pattern}, from now on, through a transient subscription; {@link TopicTail#close()} stops it.
     *
     * @throws IllegalArgumentException if the pattern is malformed
     * @throws ion.core.process.ReceivedError if the exchange point is unknown
     */
    public TopicTail tail(String exchangePoint, String pattern) {
        TopicNames.patternProblem(pattern).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Subscription sub = pubsub.subscribeTransient(exchangePoint, pattern);
        TopicTail.Printer printer = new TopicTail.Printer(sub, out);
        ProcessId id;
        try {
            id = container.processes().spawn(printer);
        } catch (RuntimeException e) {
            pubsub.unsubscribe(sub.id());
            throw e;
        }
        return new TopicTail(container, pubsub, sub, id, printer);
    }

    private List<SubscriptionLoad> measure(List<Subscription> subs, Duration window) {
        RateProbe probe = new RateProbe();
        ProcessId probeId = container.processes().spawn(probe);
        try {
            Map<Subscription, String> probeQueues = new LinkedHashMap<>();
            for (Subscription s : subs) {
                try {
                    probeQueues.put(s, probe.watch(s.bindings()));
                } catch (ExchangeNotFoundException e) {
                    // The exchange point went meanwhile: nothing flows, and no rate is shown.
                }
            }
            Map<Subscription, Optional<Long>> before = new LinkedHashMap<>();
            subs.forEach(s -> before.put(s, waiting(s.queue())));
            long start = System.nanoTime();
            sleep(window);
            Map<Subscription, Long> arrived = new LinkedHashMap<>();
            probeQueues.forEach((s, q) -> arrived.put(s, probe.count(q)));
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<SubscriptionLoad> loads = new ArrayList<>();
            for (Subscription s : subs) {
                Optional<Long> after = waiting(s.queue());
                Optional<Long> in = Optional.ofNullable(arrived.get(s));
                Optional<Double> outRate = in.flatMap(n -> before.get(s).flatMap(b -> after.map(a ->
                        Math.max(0, n - (a - b)) / elapsed)));
                loads.add(new SubscriptionLoad(s, after, window, in.map(n -> n / elapsed), outRate));
            }
            return loads;
        } finally {
            container.processes().terminate(probeId);
        }
    }

    private static void sleep(Duration window) {
        try {
            Thread.sleep(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the message rates", e);
        }
    }

    private Optional<Long> waiting(String queue) {
        try {
            return Optional.of(container.transport().messageCount(queue));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private void print(Table t, String empty) {
        if (t.isEmpty()) {
            out.println(empty);
        } else {
            t.print(out);
        }
    }

    /** Content as text: bytes as their size, everything else as {@link String#valueOf}. */
    static String describe(Object content) {
        return content instanceof byte[] b ? "binary (" + b.length + " bytes)" : String.valueOf(content);
    }
}
