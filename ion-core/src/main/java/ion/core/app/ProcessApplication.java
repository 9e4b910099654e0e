package ion.core.app;

import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.SpawnOptions;
import java.util.Map;
import java.util.Optional;

/**
 * The default application entry: spawns the processes its file declares, in order, as children of one root
 * process named {@code app-<name>} (none for an application without processes); stopping the application
 * terminates the root and with it every process.
 * Spawn arguments are the process's {@code args} with the release's {@code config} for the application merged
 * over them.
 */
public class ProcessApplication implements Application {
    private Optional<ProcessId> root = Optional.empty();

    @Override
    public void start(AppContext context) {
        if (context.descriptor().processes().isEmpty()) {
            return;
        }
        var processes = context.container().processes();
        ProcessId rootId = processes.spawn(new Process(),
                SpawnOptions.defaults().withName("app-" + context.descriptor().name()));
        root = Optional.of(rootId);
        for (AppProcess p : context.descriptor().processes()) {
            Map<String, Object> args = new java.util.LinkedHashMap<>(p.args());
            args.putAll(context.config());
            processes.spawn(p.type(), SpawnOptions.defaults().withName(p.name()).withArgs(args).withParent(rootId));
        }
    }

    @Override
    public void stop(AppContext context) {
        root.ifPresent(id -> context.container().processes().terminate(id));
        root = Optional.empty();
    }

    /** The root process, while the application runs. */
    public Optional<ProcessId> root() {
        return root;
    }
}
