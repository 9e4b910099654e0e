package ion.shell;

import ion.core.process.ProcessId;
import ion.services.pubsub.ExchangePoint;
import ion.services.pubsub.Subscription;
import ion.services.pubsub.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data distribution helpers of the shell ({@link ShellApi#xps}, {@link ShellApi#topics}, {@link ShellApi#subs},
 * {@link ShellApi#publish}, {@link ShellApi#tail}, {@link ShellApi#untail}): a {@link PubsubInspector} of the
 * session, plus the tails it started.
 */
final class PubsubHelpers {
    /** The name the shell's publisher registrations carry. */
    static final String PUBLISHER_NAME = "shell";

    private final AtomicReference<PubsubInspector> inspector = new AtomicReference<>();
    /** The running tails by printer process. */
    private final Map<ProcessId, TopicTail> tails = new ConcurrentHashMap<>();

    List<ExchangePoint> exchangePoints(ShellApi.Session s) {
        return inspector(s).exchangePoints();
    }

    List<Topic> topics(ShellApi.Session s, String exchangePoint, String pattern) {
        return inspector(s).topics(exchangePoint, pattern);
    }

    List<Subscription> subscriptions(ShellApi.Session s, String exchangePoint, Duration rateWindow) {
        return inspector(s).subscriptions(exchangePoint, rateWindow).stream()
                .map(PubsubInspector.SubscriptionLoad::subscription).toList();
    }

    void publish(ShellApi.Session s, String exchangePoint, String topic, Object content) {
        inspector(s).publish(exchangePoint, topic, content);
    }

    ProcessId tail(ShellApi.Session s, String exchangePoint, String pattern) {
        TopicTail tail = inspector(s).tail(exchangePoint, pattern);
        tails.put(tail.processId(), tail);
        s.out().println("tailing " + pattern + " on " + exchangePoint + " as " + tail.processId()
                + "; untail() stops it");
        return tail.processId();
    }

    void untail(ShellApi.Session s) {
        for (TopicTail tail : List.copyOf(tails.values())) {
            tail.close();
            tails.remove(tail.processId());
            s.out().println("stopped tail " + tail.processId() + " of " + tail.subscription().pattern());
        }
    }

    private PubsubInspector inspector(ShellApi.Session s) {
        return inspector.updateAndGet(i -> i != null ? i
                : new PubsubInspector(s.container(), s.client(), PUBLISHER_NAME, s.out()));
    }
}
