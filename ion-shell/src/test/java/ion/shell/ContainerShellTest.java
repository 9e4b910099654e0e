package ion.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.container.agent.AgentSettings;
import ion.core.container.agent.ContainerAgent;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.ProcessId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell driven through its input stream, on an in-JVM container with the hello type registered. */
class ContainerShellTest {
    private Container container;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void startContainer() {
        container = Container.start(ContainerOptions.defaults().withTransport(new LocalBroker("shell-test")::connect)
                .withContainerId("cc1").withSysname("sys"));
    }

    @AfterEach
    void stopContainer() {
        container.close();
    }

    private String shell(String input) {
        return shell(input, Optional.empty());
    }

    private String shell(String input, Optional<Path> history) {
        ContainerShell.run(container, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err,
                history);
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertHasLine(String transcript, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(transcript).find(),
                "no line matching " + regex + " in:\n" + transcript);
    }

    @Test
    void spawnPrintsTheNewIdAndRpcPrintsTheGreeting() {
        String t = shell("""
                spawn("hello")
                rpc("hello", "hello", "World")
                """);

        assertHasLine(t, "^spawned hello as cc1\\.2$");
        assertHasLine(t, "^Hello there, World$");
        assertFalse(t.contains("==>"), "a value a helper printed is not shown twice:\n" + t);
    }

    @Test
    void eachInputLineIsEchoedAfterThePrompt() {
        String t = shell("1 + 2\n");

        assertHasLine(t, "^><> 1 \\+ 2$");
        assertHasLine(t, "^\\$1 ==> 3$");
    }

    @Test
    void psListsTheProcessesWithTypeStateAndParent() {
        container.spawn("hello");

        String t = shell("ps()\n");

        assertHasLine(t, "ID +NAME +TYPE +STATE +PARENT");
        assertHasLine(t, "^cc1\\.1 +hello +HelloService +ACTIVE +-$");
        assertHasLine(t, "^cc1\\.2 +shell +Process +ACTIVE +-$");
    }

    @Test
    void msCountsTheHelloOperation() {
        container.spawn("hello");

        String t = shell("""
                rpc("hello", "hello", "a")
                rpc(1, "hello", "b")
                ms()
                """);

        assertHasLine(t, "OP +SENT +RECEIVED +REPLIES +ERRORS +MEAN +MAX");
        assertHasLine(t, "^hello +2 +2 +2 +0 +[0-9.]+ [mu]s +[0-9.]+ [mu]s$");
    }

    @Test
    void svcListsTheTypesAndTheRunningServices() {
        container.spawn("hello");

        String t = shell("svc()\n");

        assertHasLine(t, "^hello +the hello example service");
        assertHasLine(t, "^hello +sys\\.hello +cc1\\.1$");
    }

    @Test
    void infoNamesTheContainerAndListsTheHelpers() {
        String t = shell("info()\n");

        assertHasLine(t, "^container-id: +cc1$");
        assertHasLine(t, "^sysname: +sys$");
        assertHasLine(t, "^transport: +in-JVM broker");
        for (String helper : new String[] {"ps()", "svc()", "ms()", "spawn(", "send(", "rpc(", "kill("}) {
            assertTrue(t.contains(helper), helper + " not listed:\n" + t);
        }
    }

    @Test
    void aCompileErrorPrintsTheMessageAndTheNextLineStillRuns() {
        String t = shell("""
                undefinedVariable + 1
                40 + 2
                """);

        assertHasLine(t, "^error: cannot find symbol$");
        assertHasLine(t, "^ +undefinedVariable \\+ 1$");
        assertHasLine(t, "^ +\\^$");
        assertHasLine(t, "^\\$\\d+ ==> 42$");
    }

    @Test
    void anErrorReplyPrintsErrorWithTheReasonAndTheShellGoesOn() {
        container.spawn("hello");

        String t = shell("""
                rpc("hello", "nope", "x")
                40 + 2
                """);

        assertHasLine(t, "^ERROR .*Unknown Operation.*'nope'");
        assertHasLine(t, "^\\$\\d+ ==> 42$");
    }

    @Test
    void anExceptionPrintsItsClassAndMessageWithoutATrace() {
        String t = shell("""
                Integer.parseInt("z")
                40 + 2
                """);

        assertHasLine(t, "^exception java\\.lang\\.NumberFormatException: For input string: \"z\"$");
        assertFalse(t.contains("\tat "), t);
        assertHasLine(t, "^\\$\\d+ ==> 42$");
    }

    @Test
    void anIncompleteSnippetIsContinuedOnTheNextLines() {
        String t = shell("""
                int square(int x) {
                  return x * x;
                }
                square(7)
                """);

        assertHasLine(t, "^\\.\\.\\.   return x \\* x;$");
        assertHasLine(t, "^created method square\\(int\\)$");
        assertHasLine(t, "^\\$\\d+ ==> 49$");
    }

    @Test
    void killTerminatesALocalProcessByNumberAndSaysSoIfThereIsNone() {
        container.spawn("hello");

        String t = shell("""
                kill(1)
                kill(99)
                """);

        assertHasLine(t, "^terminated cc1\\.1$");
        assertHasLine(t, "^no process cc1\\.99 in this container$");
        assertTrue(container.processes().find(new ProcessId("cc1", 1)).isEmpty());
    }

    @Test
    void sendToANumberReachesThatLocalProcess() {
        container.spawn("hello");

        String t = shell("""
                send(1, "hello", "one-way")
                """);

        assertHasLine(t, "^sent hello to cc1\\.1$");
    }

    @Test
    void endOfInputReturnsAndTheShellClientIsGone() {
        shell("1\n");

        assertTrue(container.processes().list().stream().noneMatch(p -> p.name().equals("shell")),
                container.processes().list().toString());
        assertTrue(shell("2 + 2\n").contains("==> 4"), "a second shell can start after the first ended");
    }

    @Test
    void theHistoryFileKeepsTheLinesEntered(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");

        shell("int answer = 42;\n", Optional.of(history));

        assertTrue(Files.readString(history).contains("int answer = 42;"), Files.readString(history));
    }

    @Test
    void aScriptRunsEverySnippet(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("greet.jsh");
        Files.writeString(script, """
                // spawn and greet
                var id = spawn("hello");
                String who = "Script";
                rpc("hello", "hello",
                    who);
                """);

        assertTrue(ContainerShell.runScript(container, script, out, err), err());

        assertHasLine(outBytes.toString(StandardCharsets.UTF_8), "^Hello there, Script$");
        assertEquals("", err());
    }

    @Test
    void aScriptStopsAtTheFirstErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.jsh");
        Files.writeString(script, """
                int a = 1;

                int b = a +
                    undefinedVariable;
                System.out.println("not reached");
                spawn("hello");
                """);

        assertFalse(ContainerShell.runScript(container, script, out, err));

        assertTrue(err().startsWith(script + ":4: error: cannot find symbol"), err());
        assertTrue(container.processes().list().stream().noneMatch(p -> p.name().equals("hello")),
                "nothing after the error runs");
    }

    @Test
    void aScriptEndingInTheMiddleOfASnippetNamesWhereThatSnippetStarts(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("cut.jsh");
        Files.writeString(script, "int a = 1;\nint square(int x) {\n    return x * x;\n");

        assertFalse(ContainerShell.runScript(container, script, out, err));

        assertTrue(err().startsWith(script + ":2: the snippet starting here is incomplete"), err());
    }

    @Test
    void aScriptStopsAtAnExceptionNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("throws.jsh");
        Files.writeString(script, """
                int a = 1;
                Integer.parseInt("z");
                """);

        assertFalse(ContainerShell.runScript(container, script, out, err));

        assertEquals(script + ":2: exception java.lang.NumberFormatException: For input string: \"z\"\n", err());
    }

    @Test
    void withoutAnAgentNodesAndIdentifySaySo() {
        String t = shell("""
                nodes()
                identify()
                """);

        assertHasLine(t, "^><> nodes\\(\\)\nthe container agent is not running in this container");
        assertHasLine(t, "^><> identify\\(\\)\nthe container agent is not running in this container");
    }

    @Test
    void nodesListsThePeersTheAgentKnowsAfterIdentify() throws Exception {
        LocalBroker broker = new LocalBroker("shell-nodes-test");
        AgentSettings quick = new AgentSettings(Duration.ofMillis(200), Duration.ofSeconds(5));
        ContainerOptions options = ContainerOptions.defaults().withTransport(broker::connect).withSysname("nodes")
                .withAgent(quick);
        try (Container here = Container.start(options.withContainerId("here"));
                Container peer = Container.start(options.withContainerId("peer"))) {
            ContainerAgent agent = here.agent().orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (agent.peer("peer").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            ContainerShell.run(here, new ByteArrayInputStream("identify()\nnodes()\n".getBytes(
                    StandardCharsets.UTF_8)), out, err, Optional.empty());
        }

        String t = outBytes.toString(StandardCharsets.UTF_8);
        assertHasLine(t, "^announced here on nodes\\.cc_announce");
        assertHasLine(t, "^CONTAINER +AGENT +HOST +FIRST SEEN +LAST SEEN$");
        assertHasLine(t, "^here \\(this\\) +here\\.1 ");
        assertHasLine(t, "^peer +peer\\.1 +\\S+ +.* ago +.* ago$");
    }
}
