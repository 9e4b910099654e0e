package ion.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IonCcTest {

    @Test
    void parseReadsEveryOption() {
        IonCc.Options o = IonCc.parse(new String[] {"-h", "broker", "-p", "5673", "-v", "/ion", "-a", "sysname=demo",
                "--args", "process.rpc-timeout=5s", "-s", "hello", "--spawn", "other", "-n", "--config", "local.yaml",
                "--verbose"});

        assertEquals(Optional.of("broker"), o.broker().host());
        assertEquals(Optional.of(5673), o.broker().port());
        assertEquals(Optional.of("/ion"), o.broker().vhost());
        assertEquals(List.of("sysname=demo", "process.rpc-timeout=5s"), o.args());
        assertEquals(List.of("hello", "other"), o.spawn());
        assertTrue(o.noShell());
        assertEquals(Optional.of(Path.of("local.yaml")), o.configFile());
        assertTrue(o.verbose());
        assertFalse(o.help());
    }

    @Test
    void parseAcceptsTheLongFormsWithAnEqualsSign() {
        IonCc.Options o = IonCc.parse(new String[] {"--host=broker", "--port=5673", "--vhost=/ion",
                "--args=sysname=demo,contid=c1", "--spawn=hello", "--config=local.yaml", "--no-shell"});

        assertEquals(Optional.of("broker"), o.broker().host());
        assertEquals(Optional.of(5673), o.broker().port());
        assertEquals(Optional.of("/ion"), o.broker().vhost());
        assertEquals(List.of("sysname=demo,contid=c1"), o.args());
        assertEquals(List.of("hello"), o.spawn());
        assertEquals(Optional.of(Path.of("local.yaml")), o.configFile());
        assertTrue(o.noShell());
    }

    @Test
    void withoutOptionsTheContainerUsesTheInJvmBrokerAndReadsTheConsole() {
        IonCc.Options o = IonCc.parse(new String[0]);

        assertEquals(LauncherConfig.BrokerOptions.none(), o.broker());
        assertEquals(List.of(), o.args());
        assertEquals(List.of(), o.spawn());
        assertFalse(o.noShell());
        assertEquals(Optional.empty(), o.configFile());
        assertFalse(o.verbose());
    }

    @Test
    void anOptionWithoutItsValueIsRefusedByName() {
        for (String option : List.of("-h", "--host", "-p", "-v", "-a", "--spawn", "--config")) {
            UsageException e = assertThrows(UsageException.class, () -> IonCc.parse(new String[] {"-n", option}));
            assertEquals("option " + option + " needs a value", e.getMessage());
        }
    }

    @Test
    void aPortThatIsNoPortNumberIsRefusedWithTheRange() {
        for (String port : List.of("0", "65536", "-1", "amqp", "")) {
            UsageException e = assertThrows(UsageException.class, () -> IonCc.parse(new String[] {"-p", port}));
            assertEquals("-p needs a port number from 1 to 65535, not '" + port + "'", e.getMessage());
        }
        assertEquals(Optional.of(65535), IonCc.parse(new String[] {"--port", "65535"}).broker().port());
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCc.parse(new String[] {"-n", "--shell", "-s", "hello"}));

        assertEquals("unknown option --shell", e.getMessage());
    }

    @Test
    void aFlagGivenAValueIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> IonCc.parse(new String[] {"--verbose=no"}));

        assertEquals("option --verbose takes no value", e.getMessage());
        assertThrows(UsageException.class, () -> IonCc.parse(new String[] {"--no-shell=true"}));
    }

    @Test
    void applicationAndReleaseFilesAreTakenAndOtherFilesRefused() {
        IonCc.Options o = IonCc.parse(new String[] {"res/apps/hello.app", "-n", "res/apps/example.rel"});
        assertEquals(List.of(Path.of("res/apps/hello.app"), Path.of("res/apps/example.rel")), o.files());

        UsageException e = assertThrows(UsageException.class, () -> IonCc.parse(new String[] {"notes.txt"}));

        assertTrue(e.getMessage().startsWith("unexpected argument 'notes.txt'"), e.getMessage());
        assertTrue(e.getMessage().contains(".app") && e.getMessage().contains(".rel"), e.getMessage());
    }

    @Test
    void aJshFileIsTakenAsTheStartScript() {
        IonCc.Options o = IonCc.parse(new String[] {"--spawn", "hello", "setup.jsh", "-n"});

        assertEquals(Optional.of(Path.of("setup.jsh")), o.script());
        assertEquals(List.of("hello"), o.spawn());
        assertTrue(o.noShell());
        assertEquals(Optional.empty(), IonCc.parse(new String[0]).script());
    }

    @Test
    void aSecondScriptIsRefusedNamingBoth() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCc.parse(new String[] {"a.jsh", "b.jsh"}));

        assertEquals("one script only, not both 'a.jsh' and 'b.jsh'", e.getMessage());
    }

    @Test
    void aScriptThatCannotBeReadIsAUsageError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IonCc.run(new String[] {"-n", "no/such/setup.jsh"}, print(out), print(err));

        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("ion-cc: cannot read the script no/such/setup.jsh\n",
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpListsTheOptionsAndTheProcessTypes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IonCc.run(new String[] {"--help"}, print(out), print(err));

        String help = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertAll(List.of("-h, --host", "-p, --port", "-v, --vhost", "-a, --args", "-s, --spawn", "-n, --no-shell",
                "--config FILE", "--verbose", "--help").stream()
                .map(option -> () -> assertTrue(help.contains(option), option + " missing from:\n" + help)));
        List<String> types = help.lines().filter(line -> line.startsWith("Process types: "))
                .flatMap(line -> List.of(line.substring("Process types: ".length()).split(", ")).stream()).toList();
        assertTrue(types.containsAll(List.of("hello", "resource_registry", "association")), help);
        assertTrue(help.contains("[SCRIPT.jsh]") && help.contains("rpc(target, op, content)"), help);
    }

    @Test
    void aUsageErrorExitsWithTwoAndPointsToHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IonCc.run(new String[] {"--bogus"}, print(out), print(err));

        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("ion-cc: unknown option --bogus\nRun 'ion-cc --help' for the options.\n",
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
