package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code bin/ion-call} failing before any broker is involved: no RabbitMQ needed. */
class IonCallIT {

    @Test
    void ionCallExitsWithTwoAndSaysHowToStartRabbitMqWhenTheBrokerIsUnreachable() throws Exception {
        try (ScriptProcess call = ScriptProcess.start("ion-call", "-h", "127.0.0.1", "-p", "1", "-a",
                "sysname=" + ScriptProcess.uniqueSysname(), "hello", "hello", "World")) {
            assertEquals(2, call.awaitExit(FINISH), call.report());
            assertEquals("", call.stdout(), call.report());
            String stderr = call.stderr();
            assertTrue(stderr.startsWith("ion-call: cannot connect to RabbitMQ at 127.0.0.1:1"), call.report());
            assertTrue(stderr.contains("start it with 'rabbitmq-server -detached'"), call.report());
        }
    }

    @Test
    void ionCallExitsWithTwoNamingTheKeyOfABadConfigurationValue() throws Exception {
        try (ScriptProcess call = ScriptProcess.start("ion-call", "-p", "1", "-a", "sysname=x,process.prefetch=0",
                "hello", "hello", "World")) {
            assertEquals(2, call.awaitExit(FINISH), call.report());
            assertEquals(1, call.stderr().lines().count(), "one line, no stack trace; " + call.report());
            assertTrue(call.stderr().startsWith("ion-call: "), call.report());
            assertTrue(call.stderr().contains("prefetch"), call.report());
        }
    }

    @Test
    void ionCallExitsWithTwoOnAUsageError() throws Exception {
        try (ScriptProcess call = ScriptProcess.start("ion-call", "--timeout", "0.0001", "hello", "hello", "World")) {
            assertEquals(2, call.awaitExit(FINISH), call.report());
            assertTrue(call.stderr().startsWith("ion-call: --timeout needs a number of seconds"), call.report());
            assertTrue(call.stderr().contains("Run 'ion-call --help' for the options."), call.report());
        }
    }
}
