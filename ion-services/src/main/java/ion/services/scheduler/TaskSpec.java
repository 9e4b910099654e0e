package ion.services.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduled task does: every {@code interval} it sends {@code payload} to {@code target} with operation
 * {@code op}, from {@code start} (if given) until {@code end} (if given).
 *
 * @param target the receiver name the payload is sent to, used as given (a process id or a scoped name such as
 *               {@code <sysname>.<service>})
 * @param op the operation of the sent messages; {@value #DEFAULT_OP} unless set
 * @param interval the time between two firings; at least {@link #MIN_INTERVAL}
 * @param payload the content of every sent message; empty for none
 * @param start when the first firing is due; without it the first firing is one interval after the task is
 *              scheduled
 * @param end when the task is removed; after {@code start} if both are given
 * @param origin the origin of the schedule events of its firings (R1's desired origin); without it the task id
 */
public record TaskSpec(String target, String op, Duration interval, Optional<Object> payload, Optional<Instant> start,
        Optional<Instant> end, Optional<String> origin) {
    /** The operation of the sent messages unless another is given, as in R1. */
    public static final String DEFAULT_OP = "scheduler";
    /** The shortest interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the target or op is blank, the interval shorter than
     *         {@link #MIN_INTERVAL}, or the end not after the start
     */
    public TaskSpec {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(origin, "origin");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        if (op.isBlank()) {
            throw new IllegalArgumentException("op must not be blank");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis()
                    + " ms but is " + interval);
        }
        if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
            throw new IllegalArgumentException("end_time " + end.get() + " is not after start_time " + start.get());
        }
    }

    /** A task sending {@code payload} to {@code target} with op {@value #DEFAULT_OP} every {@code interval}. */
    public static TaskSpec every(Duration interval, String target, Object payload) {
        return new TaskSpec(target, DEFAULT_OP, interval, Optional.ofNullable(payload), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** This task with another operation. */
    public TaskSpec withOp(String newOp) {
        return new TaskSpec(target, newOp, interval, payload, start, end, origin);
    }

    /** This task with its first firing at {@code time}. */
    public TaskSpec startingAt(Instant time) {
        return new TaskSpec(target, op, interval, payload, Optional.of(time), end, origin);
    }

    /** This task removed at {@code time}. */
    public TaskSpec endingAt(Instant time) {
        return new TaskSpec(target, op, interval, payload, start, Optional.of(time), origin);
    }

    /** This task with its schedule events published under {@code eventOrigin}. */
    public TaskSpec withOrigin(String eventOrigin) {
        return new TaskSpec(target, op, interval, payload, start, end, Optional.of(eventOrigin));
    }

    /**
     * The content of an {@code add_task} request: {@code target}, {@code op}, {@code interval} (seconds, a float),
     * {@code payload}, and {@code start_time}, {@code end_time} (epoch milliseconds) and {@code origin} when given.
     */
    public Map<String, Object> toContent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("op", op);
        m.put("interval", interval.toNanos() / 1e9);
        m.put("payload", payload.orElse(null));
        start.ifPresent(s -> m.put("start_time", s.toEpochMilli()));
        end.ifPresent(e -> m.put("end_time", e.toEpochMilli()));
        origin.ifPresent(o -> m.put("origin", o));
        return m;
    }
}
