package ion.core.intercept;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts messages per operation in both directions and measures RPC round trips (request sent to reply
 * received), for the shell and monitoring. It never changes or drops a message. Requests whose reply never
 * comes are forgotten after {@link #FORGET_AFTER}.
 */
public final class MetricsInterceptor implements Interceptor {
    /** The configuration name. */
    public static final String NAME = "metrics";
    /** How long an unanswered request is remembered for its latency. */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(5);

    private static final int SWEEP_THRESHOLD = 10_000;
    private static final String REPLY_OP = "result";

    private record Outstanding(Counters counters, long sentNanos) {
    }

    private static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder received = new LongAdder();
        final LongAdder replies = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder latencyNanos = new LongAdder();
        final AtomicLong maxNanos = new AtomicLong();
    }

    private final Map<String, Counters> byOp = new ConcurrentHashMap<>();
    private final Map<String, Outstanding> outstanding = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict outbound(Message message, InterceptContext context) {
        Object op = message.headers().get(HeaderNames.OP);
        if (op instanceof String name && !REPLY_OP.equals(name)) {
            Counters c = counters(name);
            c.sent.increment();
            if ("rpc".equals(message.headers().get(HeaderNames.PROTOCOL))
                    && message.headers().get(HeaderNames.CONV_ID) instanceof String convId) {
                if (outstanding.size() > SWEEP_THRESHOLD) {
                    forgetOld();
                }
                outstanding.put(convId, new Outstanding(c, System.nanoTime()));
            }
        }
        return Verdict.proceed(message);
    }

    @Override
    public Verdict inbound(Message message, InterceptContext context) {
        Object op = message.headers().get(HeaderNames.OP);
        if (REPLY_OP.equals(op)) {
            Object convId = message.headers().get(HeaderNames.CONV_ID);
            Outstanding o = convId instanceof String key ? outstanding.remove(key) : null;
            if (o != null) {
                long nanos = System.nanoTime() - o.sentNanos();
                o.counters().replies.increment();
                o.counters().latencyNanos.add(nanos);
                o.counters().maxNanos.accumulateAndGet(nanos, Math::max);
                if (Status.ERROR.equals(message.headers().get(HeaderNames.STATUS))) {
                    o.counters().errors.increment();
                }
            }
        } else if (op instanceof String name) {
            counters(name).received.increment();
        }
        return Verdict.proceed(message);
    }

    /** The statistics of every operation seen so far, sorted by operation name. */
    public List<OpStats> snapshot() {
        List<OpStats> result = new ArrayList<>();
        byOp.forEach((op, c) -> {
            long replies = c.replies.sum();
            long mean = replies == 0 ? 0 : c.latencyNanos.sum() / replies;
            result.add(new OpStats(op, c.sent.sum(), c.received.sum(), replies, c.errors.sum(),
                    Duration.ofNanos(mean), Duration.ofNanos(c.maxNanos.get())));
        });
        result.sort(Comparator.comparing(OpStats::op));
        return result;
    }

    private Counters counters(String op) {
        return byOp.computeIfAbsent(op, k -> new Counters());
    }

    private void forgetOld() {
        long cutoff = System.nanoTime() - FORGET_AFTER.toNanos();
        outstanding.values().removeIf(o -> o.sentNanos() - cutoff < 0);
    }
}
