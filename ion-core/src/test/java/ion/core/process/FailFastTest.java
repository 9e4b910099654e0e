package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.ResponseCodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FailFastTest extends ProcessTestSupport {

    @Test
    void withFailFastAThrowingHandlerStillRepliesThenTheProcessTerminates() throws Exception {
        Container c = container(ProcessSettings.defaults().withFailFast(true));
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        CompletableFuture<?> failing = client.rpcAsync(id.toString(), "boom", "now", Duration.ofSeconds(5));
        client.send(id.toString(), "record", "right behind");

        ReceivedError e = assertInstanceOf(ReceivedError.class, failureOf(failing));
        assertEquals(ResponseCodes.RECEIVER_ERROR, e.responseCode());
        assertTrue(e.exceptionText().contains("boom: now"), e.exceptionText());
        await("the process terminated itself", () -> c.processes().find(id).isEmpty());
        assertEquals(ProcessState.TERMINATED, echo.state());
        assertFalse(broker.hasQueue(id.toString()));
        assertThrows(RpcTimeoutException.class,
                () -> client.rpc(id.toString(), "echo", "later", Duration.ofMillis(200)));
        assertEquals(List.of("boom"), echo.seen, "nothing after the failure was handled");
    }

    @Test
    void withoutFailFastTheMessageRightBehindAFailureIsHandled() throws Exception {
        Container c = container();
        Echo echo = new Echo();
        ProcessId id = c.spawn(echo);
        Process client = c.newClient("client");

        CompletableFuture<?> failing = client.rpcAsync(id.toString(), "boom", "now", Duration.ofSeconds(5));
        client.send(id.toString(), "record", "right behind");

        assertInstanceOf(ReceivedError.class, failureOf(failing));
        assertEquals("later", client.rpc(id.toString(), "echo", "later").contentAs(String.class));
        assertEquals(List.of("boom", "right behind", "later"), echo.seen);
        assertEquals(ProcessState.ACTIVE, echo.state());
    }
}
