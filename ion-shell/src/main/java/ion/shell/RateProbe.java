package ion.shell;

import ion.core.messaging.Binding;
import ion.core.messaging.Message;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.QueueSpec;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.services.pubsub.Publisher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the data messages that reach temporary queues bound like subscriptions, to measure what flows into them
 * without taking anything from their own queues. The queues are exclusive and go with the probe.
 */
final class RateProbe extends Process {
    private static final int PREFETCH = 1_000;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Starts counting what the bindings route; returns the temporary queue's name. */
    String watch(List<Binding> bindings) {
        String queue = attach(QueueSpec.fanoutQueue(), bindings, new ConsumeOptions(PREFETCH, true));
        counts.computeIfAbsent(queue, q -> new LongAdder());
        return queue;
    }

    /** The data messages handled from a queue {@link #watch} returned. */
    long count(String queue) {
        LongAdder n = counts.get(queue);
        return n == null ? 0 : n.sum();
    }

    @Op(Publisher.DATA_OP)
    void data(Message message) {
        deliveryQueue().ifPresent(q -> counts.computeIfAbsent(q, k -> new LongAdder()).increment());
    }
}
