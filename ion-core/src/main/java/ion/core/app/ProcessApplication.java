package ion.core.app;

import ion.core.process.ProcessId;
import ion.core.process.SpawnOptions;
import ion.core.supervision.ChildSpec;
import ion.core.supervision.RestartStrategy;
import ion.core.supervision.Supervisor;
import ion.core.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default application entry: runs the processes its file declares under one supervisor named
 * {@code app-<name>} (one_for_one, at most {@link #MAX_RESTARTS} restarts within {@link #RESTART_PERIOD}), each
 * with its declared restart type; stopping the application terminates the supervisor and with it every process.
 * Spawn arguments are the process's {@code args} with the release's {@code config} for the application merged
 * over them. An application without processes starts nothing.
 */
public class ProcessApplication implements Application {
    /** Restarts the application supervisor allows within {@link #RESTART_PERIOD} before it gives up. */
    public static final int MAX_RESTARTS = 3;
    /** The window of the restart intensity. */
    public static final Duration RESTART_PERIOD = Duration.ofSeconds(10);

    private Optional<ProcessId> supervisor = Optional.empty();

    @Override
    public void start(AppContext context) {
        if (context.descriptor().processes().isEmpty()) {
            return;
        }
        List<ChildSpec> children = context.descriptor().processes().stream().map(p -> {
            Map<String, Object> args = new LinkedHashMap<>(p.args());
            args.putAll(context.config());
            return ChildSpec.ofType(p.name(), p.type()).withRestart(p.restart()).withArgs(args);
        }).toList();
        Supervisor root = new Supervisor(SupervisorSpec.of(RestartStrategy.ONE_FOR_ONE)
                .withIntensity(MAX_RESTARTS, RESTART_PERIOD), children);
        supervisor = Optional.of(context.container().processes().spawn(root,
                SpawnOptions.defaults().withName("app-" + context.descriptor().name())));
    }

    @Override
    public void stop(AppContext context) {
        supervisor.ifPresent(id -> context.container().processes().terminate(id));
        supervisor = Optional.empty();
    }

    /** The application's supervisor, while the application runs. */
    public Optional<ProcessId> supervisor() {
        return supervisor;
    }
}
