package ion.services.scheduler;

import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the {@code scheduler} service of the caller's system. Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR: its {@code responseCode()} is
 * {@link ion.core.messaging.ResponseCodes#BAD_REQUEST} for bad input and
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_NOT_FOUND} for an unknown task id.
 */
public class ScheduleClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public ScheduleClient(Process caller) {
        super(caller, SchedulerService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public ScheduleClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /** Adds a task; returns its id. */
    public String addTask(TaskSpec spec) {
        return rpc("add_task", spec.toContent()).contentAs(String.class);
    }

    /** Removes a task. */
    public void rmTask(String taskId) {
        rpc("rm_task", Map.of("task_id", taskId));
    }

    /** The tasks whose id the regular expression {@code pattern} finds a match in, ordered by id. */
    public List<ScheduledTask> queryTasks(String pattern) {
        return tasks(rpc("query_tasks", Map.of("pattern", pattern)));
    }

    /** Every task, ordered by id. */
    public List<ScheduledTask> queryTasks() {
        return tasks(rpc("query_tasks", Map.of()));
    }

    private static List<ScheduledTask> tasks(Message reply) {
        return reply.contentAs(List.class).stream().map(o -> {
            Map<?, ?> m = Message.convert(o, Map.class, "task description");
            TaskSpec spec = new TaskSpec(Message.convert(m.get("target"), String.class, "target"),
                    Message.convert(m.get("op"), String.class, "op"),
                    Duration.ofNanos(Math.round(Message.convert(m.get("interval"), Double.class, "interval") * 1e9)),
                    Optional.ofNullable(m.get("payload")),
                    time(m.get("start_time")), time(m.get("end_time")),
                    Optional.ofNullable(m.get("origin")).map(v -> Message.convert(v, String.class, "origin")));
            return new ScheduledTask(Message.convert(m.get("task_id"), String.class, "task_id"), spec);
        }).toList();
    }

    private static Optional<Instant> time(Object millis) {
        return Optional.ofNullable(millis).map(v -> Instant.ofEpochMilli(Message.convert(v, Long.class, "time")));
    }
}
