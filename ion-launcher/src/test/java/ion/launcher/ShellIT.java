package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static ion.launcher.ScriptProcess.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container shell of {@code bin/ion-cc}, driven through its stdin and through a pseudo-terminal. */
class ShellIT {
    private static final Duration STOP = Duration.ofSeconds(20);

    private final List<ScriptProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(ScriptProcess::close);
    }

    private ScriptProcess ionCc(Path home, String... args) throws IOException {
        ScriptProcess p = ScriptProcess.start(Map.of("ION_JAVA_OPTS", "-Duser.home=" + home), "ion-cc", args);
        started.add(p);
        return p;
    }

    private static void assertHasLine(ScriptProcess p, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(p.stdout()).find(),
                "no line matching " + regex + "; " + p.report());
    }

    @Test
    void aPipedSessionShowsEachResultAndEndOfInputStopsTheContainer(@TempDir Path home) throws Exception {
        ScriptProcess cc = ionCc(home, "--spawn", "hello");
        String id = cc.awaitValue("container-id:", START);
        cc.awaitLine("running;", START);

        cc.type("""
                spawn("hello")
                rpc("hello", "hello", "World")
                ps()
                identify()
                nodes()
                undefinedVariable + 1
                rpc("hello", "nope", "x")
                40 + 2
                """);
        cc.closeStdin();

        assertEquals(0, cc.awaitExit(STOP), cc.report());
        String q = Pattern.quote(id);
        assertHasLine(cc, "^><> spawn\\(\"hello\"\\)$");
        assertHasLine(cc, "^spawned hello as " + q + "\\.\\d+$");
        assertHasLine(cc, "^Hello there, World$");
        assertEquals(2, Pattern.compile("^" + q + "\\.\\d+ +hello +HelloService +ACTIVE", Pattern.MULTILINE)
                .matcher(cc.stdout()).results().count(), cc.report());
        assertHasLine(cc, "^announced " + q + " on " + q + "\\.cc_announce");
        assertHasLine(cc, "^CONTAINER +AGENT +HOST +FIRST SEEN +LAST SEEN$");
        assertHasLine(cc, "^" + q + " \\(this\\) +" + q + "\\.1 ");
        assertHasLine(cc, "^error: cannot find symbol$");
        assertHasLine(cc, "^ERROR .*'nope'");
        assertHasLine(cc, "^\\$\\d+ ==> 42$");
        assertTrue(cc.stdout().endsWith("stopping\n"), cc.report());
        assertTrue(cc.stderr().contains("container " + id + " stopped"), cc.report());
    }

    @Test
    void aScriptRunsAfterTheSpawnsAndThenTheShellOpens(@TempDir Path home) throws Exception {
        Path script = home.resolve("greet.jsh");
        Files.writeString(script, """
                var greeting = rpc("hello", "hello", "Script");
                """);
        ScriptProcess cc = ionCc(home, "--spawn", "hello", script.toString());
        cc.awaitLine("running;", START);

        cc.type("greeting.toString().length()\n");
        cc.closeStdin();

        assertEquals(0, cc.awaitExit(STOP), cc.report());
        assertHasLine(cc, "^Hello there, Script$");
        assertHasLine(cc, "^\\$\\d+ ==> 19$");
    }

    @Test
    void withNoShellTheScriptRunsAndTheContainerKeepsRunning(@TempDir Path home) throws Exception {
        Path script = home.resolve("greet.jsh");
        Files.writeString(script, "rpc(\"hello\", \"hello\", \"Daemon\");\n");
        ScriptProcess cc = ionCc(home, "-n", "--spawn", "hello", script.toString());

        cc.awaitLine("Hello there, Daemon", START);
        cc.awaitLine("running; stop with SIGTERM", START);
        cc.terminate();

        assertEquals(0, cc.awaitExit(STOP), cc.report());
        assertFalse(cc.stdout().contains("><>"), "no shell with -n; " + cc.report());
    }

    @Test
    void aFailingScriptStopsTheContainerNamingFileAndLine(@TempDir Path home) throws Exception {
        Path script = home.resolve("broken.jsh");
        Files.writeString(script, "int a = 1;\nint b = a + nothingHere;\n");
        ScriptProcess cc = ionCc(home, "--spawn", "hello", script.toString());

        assertEquals(1, cc.awaitExit(FINISH), cc.report());
        assertTrue(cc.stderr().contains(script + ":2: error: cannot find symbol"), cc.report());
        assertFalse(cc.stdout().contains("running;"), cc.report());
    }

    @Test
    void inATerminalKeysEditTheLineAndRecallHistory(@TempDir Path home) throws Exception {
        assumeTrue(ScriptProcess.canRunInTerminal(), "util-linux 'script' is not installed");
        ScriptProcess cc = ScriptProcess.startInTerminal(
                Map.of("ION_JAVA_OPTS", "-Duser.home=" + home, "TERM", "xterm"), 120, "ion-cc", "--spawn", "hello");
        started.add(cc);
        cc.awaitLine("running;", START);

        String left = "\u001bOD";
        String up = "\u001bOA";
        cc.type("0 + 2" + left.repeat(5) + "4\r");
        cc.awaitLineContaining("$1 ==> 42", START);
        cc.type(up + "\r");
        cc.awaitLineContaining("$2 ==> 42", START);
        typeCtrlDUntilStopped(cc);

        assertEquals(0, cc.awaitExit(STOP), cc.report());
        assertTrue(Files.readString(home.resolve(".ion_history")).contains("40 + 2"), cc.report());
    }

    @Test
    void inATerminalCtrlCStopsARunningSnippetAndTheShellGoesOn(@TempDir Path home) throws Exception {
        assumeTrue(ScriptProcess.canRunInTerminal(), "util-linux 'script' is not installed");
        ScriptProcess cc = ScriptProcess.startInTerminal(
                Map.of("ION_JAVA_OPTS", "-Duser.home=" + home, "TERM", "xterm"), 120, "ion-cc");
        started.add(cc);
        cc.awaitLine("running;", START);

        cc.type("while (true) { }\r");
        Thread.sleep(2000);
        cc.type("\u0003");
        cc.awaitLineContaining("stopped (Ctrl-C)", START);
        cc.type("40 + 2\r");
        cc.awaitLineContaining("$1 ==> 42", START);
        typeCtrlDUntilStopped(cc);

        assertEquals(0, cc.awaitExit(STOP), cc.report());
    }

    /**
     * Ctrl-D on an empty line; a key typed between two line reads reaches the terminal in cooked mode, where the
     * line discipline may take it, so it is typed again until the container has stopped.
     */
    private static void typeCtrlDUntilStopped(ScriptProcess cc) throws InterruptedException {
        for (int i = 0; i < 10 && cc.isAlive(); i++) {
            try {
                cc.type("\u0004");
            } catch (IOException e) {
                break;
            }
            Thread.sleep(1000);
        }
    }
}
