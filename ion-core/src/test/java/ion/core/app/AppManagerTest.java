package ion.core.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessType;
import ion.core.process.ProcessTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppManagerTest {
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    /** An entry that records its start and stop. */
    public static class Recording implements Application {
        @Override
        public void start(AppContext context) {
            EVENTS.add("start " + context.descriptor().name());
        }

        @Override
        public void stop(AppContext context) {
            EVENTS.add("stop " + context.descriptor().name());
        }
    }

    /** An entry that refuses to start. */
    public static class Failing implements Application {
        @Override
        public void start(AppContext context) {
            throw new IllegalStateException("cannot start " + context.descriptor().name());
        }

        @Override
        public void stop(AppContext context) {
            EVENTS.add("stop " + context.descriptor().name());
        }
    }

    static class Greeter extends Process {
        @Op("crash")
        String crash() {
            throw new IllegalStateException("crashing on purpose");
        }

        @Op("greet")
        String greet(String who) {
            return spawnArgs().getOrDefault("greeting", "hi") + " " + who;
        }
    }

    @TempDir
    Path dir;
    private Container container;
    private AppManager apps;

    @BeforeEach
    void start() {
        EVENTS.clear();
        container = Container.start(ContainerOptions.defaults().withTransport(new LocalBroker("apps")::connect)
                .withTypes(ProcessTypes.empty().with(new ProcessType("greeter", "test greeter", Greeter::new))));
        apps = new AppManager(container, dir);
    }

    @AfterEach
    void stop() {
        apps.stopAll();
        container.close();
    }

    private Path app(String name, String version, String entry, String... depends) throws IOException {
        StringBuilder sb = new StringBuilder("application:\n  name: ").append(name).append("\n  version: ")
                .append(version).append("\n  entry:\n    class: ").append(entry).append('\n');
        if (depends.length > 0) {
            sb.append("  depends: [").append(String.join(", ", depends)).append("]\n");
        }
        return Files.writeString(dir.resolve(name + ".app"), sb.toString());
    }

    private Path recordingApp(String name, String... depends) throws IOException {
        return app(name, "1.0", Recording.class.getName(), depends);
    }

    @Test
    void releaseStartsDependenciesFirstAndStopsInReverse() throws IOException {
        recordingApp("a");
        recordingApp("b", "a");
        recordingApp("c", "b");
        Path rel = Files.writeString(dir.resolve("r.rel"), """
                release:
                  name: r
                  version: 1
                  apps:
                    - {name: c, version: "1.0"}
                    - {name: a, version: "1.0"}
                    - {name: b, version: "1.0"}
                """);

        assertEquals(List.of("a", "b", "c"), apps.startRelease(rel));
        apps.stopAll();

        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), EVENTS);
    }

    @Test
    void aDependencyCycleIsRefusedNamingItAndNothingStarts() throws IOException {
        recordingApp("a", "c");
        recordingApp("b", "a");
        Path c = recordingApp("c", "b");

        AppException e = assertThrows(AppException.class, () -> apps.startApp(c));

        assertTrue(e.getMessage().contains("c -> b -> a -> c"), e.getMessage());
        assertTrue(EVENTS.isEmpty());
        assertTrue(apps.running().isEmpty());
    }

    @Test
    void aMissingApplicationIsRefusedNamingItAndWhoNeedsIt() throws IOException {
        recordingApp("a");
        Path b = recordingApp("b", "a", "ghost");

        AppException e = assertThrows(AppException.class, () -> apps.startApp(b));

        assertTrue(e.getMessage().contains("'ghost' needed by 'b'"), e.getMessage());
        assertTrue(EVENTS.isEmpty(), "not even a, which was resolvable, started: " + EVENTS);
    }

    @Test
    void aVersionMismatchIsRefusedBeforeStarting() throws IOException {
        recordingApp("a");
        Path b = app("b", "1.0", Recording.class.getName(), "{name: a, version: \"2.0\"}");

        AppException e = assertThrows(AppException.class, () -> apps.startApp(b));

        assertTrue(e.getMessage().contains("needs a 2.0"), e.getMessage());
        assertTrue(EVENTS.isEmpty());
    }

    @Test
    void aReleasePinningAnotherVersionIsRefused() throws IOException {
        recordingApp("a");
        Path rel = Files.writeString(dir.resolve("r.rel"), """
                release:
                  name: r
                  version: 1
                  apps:
                    - {name: a, version: "0.9"}
                """);

        AppException e = assertThrows(AppException.class, () -> apps.startRelease(rel));

        assertTrue(e.getMessage().contains("needs a 0.9"), e.getMessage());
    }

    @Test
    void aFailingStartStopsWhatTheSameCallStarted() throws IOException {
        recordingApp("a");
        Path b = app("b", "1.0", Failing.class.getName(), "a");

        AppException e = assertThrows(AppException.class, () -> apps.startApp(b));

        assertTrue(e.getMessage().contains("cannot start b"), e.getMessage());
        assertEquals(List.of("start a", "stop a"), EVENTS);
        assertTrue(apps.running().isEmpty());
    }

    @Test
    void aDependencyAlreadyRunningIsNotStartedAgain() throws IOException {
        Path a = recordingApp("a");
        Path b = recordingApp("b", "a");

        apps.startApp(a);
        assertEquals(List.of("b"), apps.startApp(b));

        assertEquals(List.of("start a", "start b"), EVENTS);
    }

    @Test
    void defaultEntryRunsTheDeclaredProcessesWithReleaseConfigAndStopsThem() throws IOException {
        Files.writeString(dir.resolve("greet.app"), """
                application:
                  name: greet
                  version: 1.0
                  processes:
                    - type: greeter
                      name: greeter
                      args: {greeting: hello}
                """);
        Path rel = Files.writeString(dir.resolve("r.rel"), """
                release:
                  name: r
                  version: 1
                  apps:
                    - name: greet
                      version: "1.0"
                      config: {greeting: welcome}
                """);

        apps.startRelease(rel);
        var greeter = container.processes().list().stream().filter(p -> p.name().equals("greeter")).findFirst()
                .orElseThrow();
        String answer = container.newClient("client").rpc(greeter.id().toString(), "greet", "you")
                .contentAs(String.class);
        apps.stopAll();

        assertEquals("welcome you", answer);
        assertTrue(container.processes().list().stream().noneMatch(p -> p.name().equals("greeter")));
    }

    @Test
    void anApplicationProcessThatCrashesIsRestartedByTheApplicationSupervisor() throws Exception {
        Path app = Files.writeString(dir.resolve("greet.app"), """
                application:
                  name: greet
                  version: 1.0
                  processes:
                    - {type: greeter, name: greeter}
                """);
        apps.startApp(app);
        var client = container.newClient("client");
        var before = greeterId();

        assertThrows(ion.core.process.ReceivedError.class,
                () -> client.rpc(before.toString(), "crash", null, java.time.Duration.ofSeconds(2)));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (var now = greeterIdOrNull(); now == null || now.equals(before); now = greeterIdOrNull()) {
            assertTrue(System.nanoTime() < deadline, "the greeter was not restarted");
            Thread.sleep(10);
        }

        assertEquals("hi again", client.rpc(greeterId().toString(), "greet", "again").contentAs(String.class));
        assertTrue(container.processes().list().stream().anyMatch(p -> p.name().equals("app-greet")));
    }

    private ion.core.process.ProcessId greeterId() {
        return container.processes().list().stream().filter(p -> p.name().equals("greeter")).findFirst()
                .orElseThrow().id();
    }

    private ion.core.process.ProcessId greeterIdOrNull() {
        return container.processes().list().stream().filter(p -> p.name().equals("greeter")
                && p.state() == ion.core.process.ProcessState.ACTIVE).map(p -> p.id()).findFirst().orElse(null);
    }

    @Test
    void filesWithUnknownKeysOrWrongTypesAreRefusedNamingFileAndKey() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.app"), """
                application:
                  name: bad
                  version: 1.0
                  procs: []
                """);
        AppException unknown = assertThrows(AppException.class, () -> apps.startApp(bad));
        assertTrue(unknown.getMessage().contains(bad.toString()) && unknown.getMessage().contains("procs"),
                unknown.getMessage());

        Path restart = Files.writeString(dir.resolve("restart.app"), """
                application:
                  name: restart
                  version: 1.0
                  processes:
                    - {type: greeter, restart: sometimes}
                """);
        AppException wrong = assertThrows(AppException.class, () -> apps.startApp(restart));
        assertTrue(wrong.getMessage().contains("application.processes[0].restart"), wrong.getMessage());
    }

    @Test
    void shippedApplicationsAndReleaseAreValid() {
        Path shipped = Path.of("..", "res", "apps");
        assertEquals("core", AppFiles.readApp(shipped.resolve("core.app")).name());
        assertEquals(List.of("core"), AppFiles.readApp(shipped.resolve("hello.app")).dependencies().stream()
                .map(AppDependency::name).toList());
        assertEquals(2, AppFiles.readRelease(shipped.resolve("example.rel")).apps().size());
    }
}
