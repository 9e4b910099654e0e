package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static ion.launcher.ScriptProcess.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/ion-cc} as a user runs it, on the in-JVM broker: no RabbitMQ needed. */
class IonCcIT {
    private static final Duration STOP = Duration.ofSeconds(15);

    private final List<ScriptProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(ScriptProcess::close);
    }

    private ScriptProcess ionCc(String... args) throws IOException {
        ScriptProcess p = ScriptProcess.start("ion-cc", args);
        started.add(p);
        return p;
    }

    @Test
    void containerStopsCleanlyOnSigterm() throws Exception {
        ScriptProcess cc = ionCc("-n", "--spawn", "hello");
        String id = cc.awaitValue("container-id:", START);
        cc.awaitLine("running;", START);

        cc.terminate();

        assertEquals(0, cc.awaitExit(STOP), cc.report());
        assertTrue(cc.stdout().endsWith("stopping\n"), cc.report());
        assertTrue(cc.stderr().contains("INFO  ion.core.container.Container - container " + id + " stopped"),
                cc.report());
    }

    @Test
    void containerStopsCleanlyAtEndOfInput() throws Exception {
        ScriptProcess cc = ionCc("--spawn", "hello");
        cc.closeStdin();

        assertEquals(0, cc.awaitExit(FINISH), cc.report());
        String id = cc.awaitValue("container-id:", START);
        assertEquals(id, cc.awaitValue("sysname:", START), "sysname defaults to the container id");
        // Process 1 is the container agent.
        assertEquals(id + ".2", cc.awaitValue("spawned hello as", START));
        assertTrue(cc.stdout().endsWith("stopping\n"), cc.report());
        assertTrue(cc.stderr().contains("container " + id + " stopped"), cc.report());
    }

    @Test
    void applicationFilesStartTheirApplicationsAfterTheCoreApplication() throws Exception {
        ScriptProcess cc = ionCc("res/apps/example.rel");

        assertEquals("0.1.0", cc.awaitValue("started application core", START));
        assertEquals("0.1.0", cc.awaitValue("started application hello", START));
        cc.closeStdin();
        assertEquals(0, cc.awaitExit(FINISH), cc.report());
        assertTrue(cc.stderr().contains("application hello stopped") || cc.stdout().contains("stopping"),
                cc.report());
    }

    @Test
    void anApplicationWithAMissingDependencyIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path app = Files.writeString(dir.resolve("lonely.app"),
                "application:\n  name: lonely\n  version: 1.0\n  depends: [nowhere]\n");
        ScriptProcess cc = ionCc("-n", app.toString());

        assertEquals(1, cc.awaitExit(FINISH), cc.report());
        assertTrue(cc.stderr().contains("'nowhere' needed by 'lonely'"), cc.report());
    }

    @Test
    void badConfigurationStopsTheStartNamingSourceAndKey(@TempDir Path dir) throws Exception {
        ScriptProcess badValue = ionCc("-n", "-a", "process.rpc-timeout=soon");
        ScriptProcess unknownKey = ionCc("-n", "-a", "sysname=x,no.such.key=1");
        Path file = dir.resolve("bad-local.yaml");
        Files.writeString(file, "process:\n  prefetch: many\n");
        ScriptProcess badFile = ionCc("-n", "--config", file.toString());

        assertRefused(badValue, "-a", "process.rpc-timeout", "soon");
        assertRefused(unknownKey, "-a", "no.such.key");
        assertRefused(badFile, file.toString(), "process.prefetch", "many");
    }

    @Test
    void aConfigurationValueOutOfRangeStopsTheStart() throws Exception {
        assertRefused(ionCc("-n", "-a", "process.prefetch=0"), "prefetch", "0");
    }

    private static void assertRefused(ScriptProcess cc, String... named) throws InterruptedException {
        assertNotEquals(0, cc.awaitExit(FINISH), cc.report());
        String firstLine = cc.stderr().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("ion-cc: "), cc.report());
        for (String name : named) {
            assertTrue(firstLine.contains(name), "'" + name + "' not named; " + cc.report());
        }
        assertEquals("", cc.stdout(), "no container may start; " + cc.report());
    }

    @Test
    void unknownProcessTypeIsRefusedWithTheKnownNames() throws Exception {
        ScriptProcess cc = ionCc("--spawn", "hello", "--spawn", "nosuch");

        assertNotEquals(0, cc.awaitExit(FINISH), cc.report());
        assertTrue(cc.stderr().contains("ion-cc: cannot spawn: no process type named 'nosuch'"), cc.report());
        assertTrue(cc.stderr().lines().anyMatch(line -> line.contains("known types: [")
                && line.contains("hello,") && line.contains("hello_message") && line.contains("resource_registry")
                && line.contains("association")), cc.report());
    }
}
