package ion.launcher;

import static ion.launcher.IonCcTest.print;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IonCallTest {

    @Test
    void parseReadsEveryOptionAndTheThreeArguments() {
        IonCall.Options o = IonCall.parse(new String[] {"-h", "broker", "-p", "5673", "-v", "/ion", "-a",
                "sysname=demo", "--timeout", "2.5", "hello", "hello", "World"});

        assertEquals(Optional.of("broker"), o.broker().host());
        assertEquals(Optional.of(5673), o.broker().port());
        assertEquals(Optional.of("/ion"), o.broker().vhost());
        assertEquals(List.of("sysname=demo"), o.args());
        assertEquals(Optional.of(Duration.ofMillis(2500)), o.timeout());
        assertEquals(List.of("hello", "hello", "World"), List.of(o.service(), o.op(), o.content()));
    }

    @Test
    void parseAcceptsTheLongFormsWithAnEqualsSignAndOptionsAfterTheArguments() {
        IonCall.Options o = IonCall.parse(new String[] {"hello", "--host=broker", "hello", "--port=5673",
                "--vhost=/ion", "--args=sysname=demo", "--timeout=1", "World"});

        assertEquals(Optional.of("broker"), o.broker().host());
        assertEquals(Optional.of(5673), o.broker().port());
        assertEquals(Optional.of("/ion"), o.broker().vhost());
        assertEquals(List.of("sysname=demo"), o.args());
        assertEquals(Optional.of(Duration.ofSeconds(1)), o.timeout());
        assertEquals(List.of("hello", "hello", "World"), List.of(o.service(), o.op(), o.content()));
    }

    @Test
    void withoutOptionsTheCallGoesToTheLocalBrokerWithTheConfiguredTimeout() {
        IonCall.Options o = IonCall.parse(new String[] {"hello", "hello", "World"});

        assertEquals(Optional.of("localhost"), o.broker().host());
        assertEquals(Optional.empty(), o.broker().port());
        assertEquals(Optional.empty(), o.broker().vhost());
        assertEquals(Optional.empty(), o.timeout());
    }

    @Test
    void anOptionWithoutItsValueIsRefusedByName() {
        for (String option : List.of("-h", "-p", "--vhost", "-a", "--timeout")) {
            UsageException e = assertThrows(UsageException.class,
                    () -> IonCall.parse(new String[] {"hello", "hello", "World", option}));
            assertEquals("option " + option + " needs a value", e.getMessage());
        }
    }

    @Test
    void aPortThatIsNoPortNumberIsRefusedWithTheRange() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCall.parse(new String[] {"--port=70000", "hello", "hello", "World"}));

        assertEquals("--port needs a port number from 1 to 65535, not '70000'", e.getMessage());
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCall.parse(new String[] {"-t", "5", "hello", "hello", "World"}));

        assertEquals("unknown option -t", e.getMessage());
    }

    @Test
    void anythingButServiceOpAndContentIsRefusedWithTheCount() {
        UsageException two = assertThrows(UsageException.class, () -> IonCall.parse(new String[] {"hello", "hello"}));
        UsageException four = assertThrows(UsageException.class,
                () -> IonCall.parse(new String[] {"hello", "hello", "World", "again"}));

        assertEquals("expected SERVICE OP CONTENT, got 2 argument(s)", two.getMessage());
        assertEquals("expected SERVICE OP CONTENT, got 4 argument(s)", four.getMessage());
    }

    @Test
    void contentStartingWithADashIsSentAfterTheEndOfTheOptions() {
        IonCall.Options o = IonCall.parse(new String[] {"-h", "broker", "--", "hello", "hello", "-h"});

        assertEquals(Optional.of("broker"), o.broker().host());
        assertEquals(List.of("hello", "hello", "-h"), List.of(o.service(), o.op(), o.content()));
        assertEquals("--help", IonCall.parse(new String[] {"hello", "hello", "--", "--help"}).content());
    }

    @Test
    void theTimeoutIsANumberOfSecondsDownToOneMillisecond() {
        assertEquals(Duration.ofMillis(1), timeout("0.001"));
        assertEquals(Duration.ofMillis(1500), timeout("1.5"));
        assertEquals(Duration.ofSeconds(86_400), timeout("86400"));
    }

    @Test
    void aTimeoutThatIsNoNumberOfSecondsInRangeIsRefusedWithTheRange() {
        for (String bad : List.of("0", "-1", "0.0001", "86401", "soon", "5s", "5d", "1e3", "NaN", "Infinity", "")) {
            UsageException e = assertThrows(UsageException.class, () -> timeout(bad), bad);
            assertEquals("--timeout needs a number of seconds from 0.001 to 86400, such as 5 or 0.5, not '" + bad
                    + "'", e.getMessage());
        }
    }

    private static Duration timeout(String value) {
        return IonCall.parse(new String[] {"--timeout", value, "hello", "hello", "World"}).timeout().orElseThrow();
    }

    @Test
    void wrongArgumentsExitWithTwoAndAHint() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IonCall.run(new String[] {"hello", "World"}, print(out), print(err));

        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("ion-call: expected SERVICE OP CONTENT, got 2 argument(s)\n"
                + "Run 'ion-call --help' for the options.\n",
                err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpListsTheOptionsAndTheExitStatuses() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = IonCall.run(new String[] {"hello", "--help"}, print(out), print(err));

        String help = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        for (String expected : List.of("-h, --host", "-p, --port", "-v, --vhost", "-a, --args", "--timeout SECONDS",
                "Exit status: 0 OK reply, 1 ERROR reply, 2 timeout")) {
            assertTrue(help.contains(expected), expected + " missing from:\n" + help);
        }
    }

    @Test
    void renderShowsNestedMapsAndListsInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("ok", true);
        inner.put("none", null);
        Map<Object, Object> content = new LinkedHashMap<>();
        content.put("name", "World");
        content.put("values", List.of(1L, 2.5, List.of(), inner));
        content.put(7L, Map.of());

        assertEquals("{name: World, values: [1, 2.5, [], {ok: true, none: null}], 7: {}}", IonCall.render(content));
    }

    @Test
    void renderShowsUtf8BinaryAsText() {
        List<Object> content = new ArrayList<>();
        content.add("Grüße".getBytes(StandardCharsets.UTF_8));
        content.add(Map.of("key".getBytes(StandardCharsets.UTF_8), new byte[0]));

        assertEquals("[Grüße, {key: }]", IonCall.render(content));
        assertEquals("Hello there, World", IonCall.render("Hello there, World"));
    }

    @Test
    void renderShowsBinaryThatIsNotUtf8AsHex() {
        byte[] notUtf8 = {(byte) 0xff, 0x00, 0x7f, (byte) 0xc3};

        assertEquals("<4 bytes: ff007fc3>", IonCall.render(notUtf8));
        assertEquals("[<1 byte: 80>]", IonCall.render(List.of(new byte[] {(byte) 0x80})));
    }
}
