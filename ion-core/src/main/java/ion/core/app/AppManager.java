package ion.core.app;

import ion.core.container.Container;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the applications of one container. An application's dependencies start first (each once);
 * applications stop in the reverse order of their start. Before anything starts, the whole set is resolved from
 * the application directory, and a missing application, a dependency cycle or a version mismatch is refused with
 * a message naming it, so that a refused start leaves nothing running. A start that fails part-way stops the
 * applications the same call had started.
 */
public final class AppManager {
    private static final Logger LOG = LoggerFactory.getLogger(AppManager.class);

    private record Started(RunningApp app, Application entry, AppContext context) {
    }

    private record Planned(AppDescriptor descriptor, Map<String, Object> config) {
    }

    private final Container container;
    private final Path appDirectory;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Started> started = new ArrayList<>();

    /**
     * An app manager for a container.
     *
     * @param appDirectory where {@code <name>.app} files of dependencies are looked up
     */
    public AppManager(Container container, Path appDirectory) {
        this.container = Objects.requireNonNull(container, "container");
        this.appDirectory = Objects.requireNonNull(appDirectory, "appDirectory");
    }

    /**
     * Starts the application in {@code appFile} and, first, its dependencies that are not running yet.
     *
     * @return the names of the applications started, in start order
     * @throws AppException naming the problem; nothing is left started by this call
     */
    public List<String> startApp(Path appFile) {
        AppDescriptor app = AppFiles.readApp(appFile);
        Map<String, AppDescriptor> known = new LinkedHashMap<>();
        known.put(app.name(), app);
        return start(plan(List.of(app.name()), known, Map.of(), Map.of()));
    }

    /**
     * Starts the applications of a release, each with its pinned version and configuration, dependencies first.
     *
     * @return the names of the applications started, in start order
     * @throws AppException naming the problem; nothing is left started by this call
     */
    public List<String> startRelease(Path releaseFile) {
        ReleaseDescriptor release = AppFiles.readRelease(releaseFile);
        Map<String, String> pins = new LinkedHashMap<>();
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (ReleaseDescriptor.Entry e : release.apps()) {
            if (pins.put(e.name(), e.version()) != null) {
                throw new AppException(releaseFile + ": application '" + e.name() + "' is listed twice");
            }
            configs.put(e.name(), e.config());
            names.add(e.name());
        }
        List<String> result = start(plan(names, new LinkedHashMap<>(), pins, configs));
        LOG.info("release {} {} started: {}", release.name(), release.version(), result);
        return result;
    }

    /** The running applications, in start order. */
    public List<RunningApp> running() {
        lock.lock();
        try {
            return started.stream().map(Started::app).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The running application with this name. */
    public Optional<RunningApp> find(String name) {
        return running().stream().filter(a -> a.descriptor().name().equals(name)).findFirst();
    }

    /** Stops every application, the last started first. */
    public void stopAll() {
        lock.lock();
        try {
            stopDownTo(0);
        } finally {
            lock.unlock();
        }
    }

    private List<Planned> plan(List<String> requested, Map<String, AppDescriptor> known, Map<String, String> pins,
            Map<String, Map<String, Object>> configs) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String name : requested) {
            visit(name, Optional.empty(), new ArrayList<>(), order, known, pins);
        }
        List<Planned> plan = new ArrayList<>();
        for (String name : order) {
            plan.add(new Planned(known.get(name), configs.getOrDefault(name, Map.of())));
        }
        return plan;
    }

    private void visit(String name, Optional<String> neededBy, List<String> path, LinkedHashSet<String> order,
            Map<String, AppDescriptor> known, Map<String, String> pins) {
        if (order.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new AppException("application dependency cycle: " + String.join(" -> ", cycle)
                    + "; nothing was started");
        }
        AppDescriptor app = known.computeIfAbsent(name, n -> load(n, neededBy));
        String pinned = pins.get(name);
        if (pinned != null && !pinned.equals(app.version())) {
            throw new AppException("the release needs " + name + " " + pinned + " but " + app.source()
                    + " has version " + app.version() + "; nothing was started");
        }
        Optional<RunningApp> running = find(name);
        if (running.isPresent() && !running.get().descriptor().version().equals(app.version())) {
            throw new AppException("application " + name + " " + running.get().descriptor().version()
                    + " is already running, " + app.version() + " was requested; nothing was started");
        }
        path.add(name);
        for (AppDependency dep : app.dependencies()) {
            visit(dep.name(), Optional.of(name), path, order, known, pins);
            AppDescriptor resolved = known.get(dep.name());
            if (dep.version().isPresent() && !dep.version().get().equals(resolved.version())) {
                throw new AppException("application " + name + " needs " + dep.name() + " " + dep.version().get()
                        + " but " + resolved.source() + " has version " + resolved.version()
                        + "; nothing was started");
            }
        }
        path.remove(path.size() - 1);
        order.add(name);
    }

    private AppDescriptor load(String name, Optional<String> neededBy) {
        Path file = appDirectory.resolve(name + AppFiles.APP_EXTENSION);
        if (!file.toFile().isFile()) {
            throw new AppException("application '" + name + "'" + neededBy.map(n -> " needed by '" + n + "'")
                    .orElse("") + " not found: no file " + file + "; nothing was started");
        }
        return AppFiles.readApp(file);
    }

    private List<String> start(List<Planned> plan) {
        lock.lock();
        try {
            int mark = started.size();
            List<String> names = new ArrayList<>();
            for (Planned p : plan) {
                if (find(p.descriptor().name()).isPresent()) {
                    continue;
                }
                try {
                    startOne(p);
                } catch (RuntimeException e) {
                    stopDownTo(mark);
                    throw e instanceof AppException ae ? ae : new AppException("application "
                            + p.descriptor().name() + " failed to start: " + e.getMessage()
                            + "; the applications started with it were stopped", e);
                }
                names.add(p.descriptor().name());
            }
            return names;
        } finally {
            lock.unlock();
        }
    }

    private void startOne(Planned p) {
        AppDescriptor d = p.descriptor();
        Application entry = instantiate(d);
        AppContext context = new AppContext(container, d, p.config());
        entry.start(context);
        started.add(new Started(new RunningApp(d, Instant.now()), entry, context));
        LOG.info("application {} {} started", d.name(), d.version());
    }

    private static Application instantiate(AppDescriptor d) {
        try {
            Class<?> type = Class.forName(d.entryClass());
            if (!Application.class.isAssignableFrom(type)) {
                throw new AppException(d.source() + ": entry class " + d.entryClass() + " does not implement "
                        + Application.class.getName());
            }
            return (Application) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new AppException(d.source() + ": entry class " + d.entryClass() + " is not on the class path", e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new AppException(d.source() + ": entry class " + d.entryClass()
                    + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new AppException(d.source() + ": entry class " + d.entryClass() + " failed to construct: "
                    + e.getCause(), e.getCause());
        }
    }

    private void stopDownTo(int mark) {
        while (started.size() > mark) {
            Started s = started.remove(started.size() - 1);
            try {
                s.entry().stop(s.context());
                LOG.info("application {} stopped", s.app().descriptor().name());
            } catch (RuntimeException e) {
                LOG.warn("application {} failed to stop cleanly", s.app().descriptor().name(), e);
            }
        }
    }
}
