package ion.services.scheduler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A task held by the {@code scheduler} service: its id and what it does.
 *
 * @param id the id the service gave it
 * @param spec what it sends, where, and when
 */
public record ScheduledTask(String id, TaskSpec spec) {
    /** Checks that neither part is missing. */
    public ScheduledTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * The task's description as {@code query_tasks} answers it: {@code task_id} followed by the fields of
     * {@link TaskSpec#toContent()}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TaskFields.TASK_ID, id);
        m.putAll(spec.toContent());
        return m;
    }
}
