package ion.services.consumer;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the data messages of each delivery interval and, at the end of every interval, delivers a summary to
 * every delivery queue: a data map {@code {interval_count, total, intervals, interval_seconds}}, where
 * {@code intervals} lists the counts of the latest intervals, oldest first, at most the process parameter
 * {@value #MAX_POINTS_PARAM} (default {@value #DEFAULT_MAX_POINTS}). It needs a delivery interval.
 */
public class MessageCountConsumer extends ConsumerProcess {
    /** The process type name. */
    public static final String TYPE = "message_count_consumer";
    /** The process parameter that bounds the history of interval counts. */
    public static final String MAX_POINTS_PARAM = "max_points";
    /** The history bound unless set. */
    public static final int DEFAULT_MAX_POINTS = 50;

    private final Deque<Long> history = new ArrayDeque<>();
    private long total;

    @Override
    protected void checkArguments() {
        if (deliveryInterval().isEmpty()) {
            throw ConsumerArgs.badRequest("'" + DELIVERY_INTERVAL_ARG + "' is required by a message count consumer");
        }
    }

    @Override
    protected void onData(DataMessage message, String queue) {
        total++;
    }

    @Override
    protected void onSchedule(long receivedInInterval) {
        history.addLast(receivedInInterval);
        while (history.size() > maxPoints()) {
            history.removeFirst();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("interval_count", receivedInInterval);
        summary.put("total", total);
        summary.put("intervals", new ArrayList<>(history));
        summary.put("interval_seconds", deliveryInterval().orElseThrow().toNanos() / 1e9);
        queueToAll(new DataMessage(Optional.of(summary), "message count", Instant.now()));
    }

    private int maxPoints() {
        Object v = processParameters().get(MAX_POINTS_PARAM);
        return v instanceof Number n && n.longValue() > 0 ? (int) Math.min(n.longValue(), Integer.MAX_VALUE)
                : DEFAULT_MAX_POINTS;
    }
}
