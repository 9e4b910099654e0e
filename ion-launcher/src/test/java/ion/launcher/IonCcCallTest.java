package ion.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ion-cc --call SERVICE OP CONTENT [--exit-after-call]}, on the in-JVM broker. */
class IonCcCallTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... argv) {
        return IonCc.run(argv, out, err);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void callTakesServiceOpAndContent() {
        IonCc.Options o = IonCc.parse(new String[] {"--spawn", "hello", "--call", "hello", "hello", "World",
            "--exit-after-call"});
        assertEquals(Optional.of(new IonCc.Call("hello", "hello", "World")), o.call());
        assertTrue(o.exitAfterCall());
    }

    @Test
    void withoutCallNothingIsCalled() {
        IonCc.Options o = IonCc.parse(new String[] {"--spawn", "hello"});
        assertEquals(Optional.empty(), o.call());
        assertFalse(o.exitAfterCall());
    }

    @Test
    void callWithTooFewValuesIsAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCc.parse(new String[] {"--call", "hello", "hello"}));
        assertEquals("option --call needs three values: SERVICE OP CONTENT", e.getMessage());
    }

    @Test
    void exitAfterCallWithoutCallIsAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> IonCc.parse(new String[] {"--exit-after-call"}));
        assertEquals("--exit-after-call needs --call SERVICE OP CONTENT", e.getMessage());
        assertEquals(2, run("-n", "--exit-after-call"));
        assertTrue(err().contains("--exit-after-call needs --call"), err());
    }

    @Test
    void helpListsTheCallOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("--call SERVICE OP CONTENT"), out());
        assertTrue(out().contains("--exit-after-call"), out());
    }

    @Test
    void okReplyIsPrintedAndTheContainerStops() {
        int status = run("-a", "messaging.transport=local", "--spawn", "hello", "--call", "hello", "hello", "World",
                "--exit-after-call");
        assertEquals(ClientTool.OK, status, err());
        assertTrue(out().lines().anyMatch("Hello there, World"::equals), out());
        assertFalse(out().contains("running;"), out());
    }

    @Test
    void errorReplyExitsWithOne() {
        int status = run("-a", "messaging.transport=local", "--spawn", "hello", "--call", "hello", "no-such-op",
                "x", "--exit-after-call");
        assertEquals(ClientTool.ERROR_REPLY, status, out());
        assertTrue(err().contains("ERROR reply"), err());
    }

    @Test
    void unansweredCallExitsWithTwo() {
        int status = run("-a", "messaging.transport=local,process.rpc-timeout=1s", "--call", "nobody-serves-this",
                "op", "x", "--exit-after-call");
        assertEquals(ClientTool.FAILED, status, out());
        assertTrue(err().contains("nobody-serves-this"), err());
    }
}
