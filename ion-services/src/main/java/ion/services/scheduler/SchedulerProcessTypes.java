package ion.services.scheduler;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code scheduler} spawnable by name. */
public final class SchedulerProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(new ProcessType(SchedulerService.NAME, "message cron: sends a payload to a target every "
                + "interval; ops add_task, rm_task, query_tasks", SchedulerService::new));
    }
}
