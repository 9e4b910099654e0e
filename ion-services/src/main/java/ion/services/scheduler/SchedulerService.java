package ion.services.scheduler;

import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.codec.R1Codec;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import ion.store.IndexStore;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code scheduler} service, R1's message cron: a task sends its payload to a target every interval, from an
 * optional start time until it is removed or its optional end time has come.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code add_task}</td><td>{@code {target, op?, interval, payload?, start_time?, end_time?, origin?}}: see
 *       {@link TaskSpec}; {@code interval} in seconds (a number), times as epoch milliseconds or ISO-8601</td>
 *       <td>the new task's id</td></tr>
 *   <tr><td>{@code rm_task}</td><td>{@code {task_id}} or the id as a string</td><td>{@code OK}</td></tr>
 *   <tr><td>{@code query_tasks}</td><td>{@code {pattern}}, the pattern as a string, or nothing for every task</td>
 *       <td>the descriptions ({@link ScheduledTask#toMap()}) of the tasks whose id the regular expression finds a
 *       match in, ordered by id</td></tr>
 * </table>
 *
 * <p>Bad input (a missing target, an interval that is not a number greater than 0, an end time not after the
 * start time or already past, a malformed pattern) gets {@link ResponseCodes#BAD_REQUEST} naming the field; an
 * unknown task id on {@code rm_task} gets {@link ResponseCodes#APP_RESOURCE_NOT_FOUND}.
 *
 * <p><b>Timing.</b> Without a start time the first firing is one interval after the task was scheduled; with one,
 * firings fall on {@code start + k * interval}, the first at the start time or, once it is past, at the next such
 * point. A task whose end time has come is removed and fires no more. Every firing also publishes a schedule
 * event ({@link EventType#SCHEDULE}, id 2001) on the system's events exchange point, with the task's
 * {@code origin} (else its id) as origin and {@code task_id}, {@code target}, {@code op}, {@code interval} as
 * payload.
 *
 * <p><b>Threads.</b> The container's timer thread ({@link #sendSelfEvery}) only sends a tick to this process's own
 * queue; the tick is handled in the mailbox like any request,
 * so the tasks are only ever touched by the process's own thread, and a tick of a task removed meanwhile finds
 * no task and does nothing.
 *
 * <p><b>Storage.</b> Tasks live in the index store {@value #STORE_NAME} (the embedded store of the {@code
 * store-dir} spawn argument, else memory), under {@code task/<id>} with the attribute {@code kind=task}. On
 * activation every stored task is read back and scheduled again; those whose end time has passed are removed.
 */
public class SchedulerService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "scheduler";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "scheduler";

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");
    private static final String TICK_OP = "scheduler_tick";
    private static final String KEY_PREFIX = "task/";
    private static final Map<String, String> ATTRIBUTES = Map.of("kind", "task");
    private static final R1Codec CODEC = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private final Clock clock;
    private final Map<String, Scheduled> tasks = new HashMap<>();
    private EventPublisher events;

    /** A scheduler on the system clock. */
    public SchedulerService() {
        this(Clock.systemUTC());
    }

    /** A scheduler reading the time from {@code clock} (the timer still waits in real time). */
    public SchedulerService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    @Override
    protected void onActivate() {
        events = EventPublisher.of(this);
        for (IndexStore.Hit hit : store().query(List.of(Predicate.eq("kind", "task")))) {
            String id = new String(hit.key().toArray(), StandardCharsets.UTF_8).substring(KEY_PREFIX.length());
            Optional<TaskSpec> spec = decode(id, hit.value());
            if (spec.isEmpty()) {
                continue;
            }
            if (spec.get().end().filter(end -> !end.isAfter(clock.instant())).isPresent()) {
                store().remove(key(id));
                LOG.info("scheduler {}: task {} ended while the service was down; removed", id(), id);
            } else {
                schedule(new ScheduledTask(id, spec.get()));
            }
        }
    }

    @Override
    protected void onDeactivate() {
        stopTimer();
    }

    @Override
    protected void onTerminate() {
        stopTimer();
        super.onTerminate();
    }

    /** Adds a task; answers its id. */
    @Op("add_task")
    public void addTask(Message request) {
        answer(request, () -> {
            TaskSpec spec = TaskFields.spec("add_task", TaskFields.map("add_task", request));
            Instant now = clock.instant();
            spec.end().filter(end -> !end.isAfter(now)).ifPresent(end -> {
                throw TaskFields.badRequest("op 'add_task': field 'end_time' (" + end + ") is not in the future");
            });
            ScheduledTask task = new ScheduledTask(UUID.randomUUID().toString(), spec);
            byte[] stored;
            try {
                stored = CODEC.encode(Message.of(Map.of(), task.toMap()));
            } catch (IllegalArgumentException e) {
                throw TaskFields.badRequest("op 'add_task': field 'payload' cannot be stored: " + e.getMessage());
            }
            store().put(key(task.id()), stored, ATTRIBUTES);
            schedule(task);
            return task.id();
        });
    }

    /** Removes a task; answers {@code OK}. */
    @Op("rm_task")
    public void rmTask(Message request) {
        answer(request, () -> {
            Object content = request.content().orElse(null);
            String id = content instanceof String s ? s : content instanceof Map<?, ?> m
                    ? TaskFields.string("rm_task", m, TaskFields.TASK_ID)
                    : null;
            if (id == null || id.isBlank()) {
                throw TaskFields.badRequest("op 'rm_task' needs field 'task_id' (or the id as a string) but got "
                        + Message.describeType(content));
            }
            if (!remove(id)) {
                throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "op 'rm_task': no task with id "
                        + id);
            }
            return "OK";
        });
    }

    /** The descriptions of the tasks whose id matches a pattern. */
    @Op("query_tasks")
    public void queryTasks(Message request) {
        answer(request, () -> {
            Object content = request.content().orElse(null);
            Object pattern = content instanceof Map<?, ?> m ? m.get("pattern") : content;
            Pattern regex;
            if (pattern == null) {
                regex = Pattern.compile("");
            } else if (pattern instanceof String s) {
                try {
                    regex = Pattern.compile(s);
                } catch (PatternSyntaxException e) {
                    throw TaskFields.badRequest("op 'query_tasks': field 'pattern' is not a regular expression: "
                            + e.getDescription() + " in '" + s + "'");
                }
            } else {
                throw TaskFields.badRequest("op 'query_tasks': field 'pattern' must be a string but is "
                        + Message.describeType(pattern));
            }
            List<Object> found = new ArrayList<>();
            tasks.keySet().stream().filter(id -> regex.matcher(id).find()).sorted()
                    .forEach(id -> found.add(tasks.get(id).task().toMap()));
            return found;
        });
    }

    /** A timer tick of one task, sent by this process to itself: fires the task, or removes it if it ended. */
    @Op(TICK_OP)
    public void tick(Message message) {
        if (!id().toString().equals(message.sender())) {
            throw TaskFields.badRequest("op '" + TICK_OP + "' is internal to the scheduler");
        }
        String taskId = message.contentAs(String.class);
        Scheduled scheduled = tasks.get(taskId);
        if (scheduled == null) {
            return;
        }
        TaskSpec spec = scheduled.task().spec();
        if (spec.end().filter(end -> !end.isAfter(clock.instant())).isPresent()) {
            remove(taskId);
            LOG.debug("scheduler {}: task {} reached its end time; removed", id(), taskId);
            return;
        }
        try {
            send(spec.target(), spec.op(), spec.payload().orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("scheduler {}: task {} could not send to {}: {}", id(), taskId, spec.target(), e.toString());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put(TaskFields.TASK_ID, taskId);
        event.put("target", spec.target());
        event.put("op", spec.op());
        event.put("interval", spec.interval().toNanos() / 1e9);
        try {
            events.publish(EventType.SCHEDULE, spec.origin().orElse(taskId), "task " + taskId + " fired", event);
        } catch (RuntimeException e) {
            LOG.warn("scheduler {}: schedule event of task {} not published: {}", id(), taskId, e.toString());
        }
    }

    private void schedule(ScheduledTask task) {
        TaskSpec spec = task.spec();
        long now = clock.millis();
        long period = spec.interval().toNanos();
        long delay;
        if (spec.start().isPresent()) {
            long untilStart = TimeUnit.MILLISECONDS.toNanos(spec.start().get().toEpochMilli() - now);
            delay = untilStart >= 0 ? untilStart : period - Math.floorMod(-untilStart, period);
        } else {
            delay = period;
        }
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        timers.add(sendSelfEvery(Duration.ofNanos(delay), Duration.ofNanos(period), TICK_OP, task.id()));
        spec.end().ifPresent(end -> timers.add(sendSelfLater(Duration.ofMillis(Math.max(0, end.toEpochMilli()
                - now)), TICK_OP, task.id())));
        tasks.put(task.id(), new Scheduled(task, timers));
    }

    private boolean remove(String taskId) {
        Scheduled scheduled = tasks.remove(taskId);
        if (scheduled != null) {
            scheduled.timers().forEach(t -> t.cancel(false));
        }
        return store().remove(key(taskId)) || scheduled != null;
    }

    private void stopTimer() {
        tasks.values().forEach(s -> s.timers().forEach(t -> t.cancel(false)));
        tasks.clear();
    }

    private Optional<TaskSpec> decode(String id, byte[] value) {
        try {
            Map<?, ?> stored = CODEC.decode(value).contentAs(Map.class);
            return Optional.of(TaskFields.spec("stored task " + id, stored));
        } catch (RuntimeException e) {
            LOG.warn("scheduler {}: stored task {} cannot be read and is not scheduled: {}", id(), id, e.toString());
            return Optional.empty();
        }
    }

    private static byte[] key(String taskId) {
        return (KEY_PREFIX + taskId).getBytes(StandardCharsets.UTF_8);
    }

    /** A task and the timers that tick it. */
    private record Scheduled(ScheduledTask task, List<ScheduledFuture<?>> timers) {
    }
}
