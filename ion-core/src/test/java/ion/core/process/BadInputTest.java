package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Status;
import ion.core.messaging.WrongContentTypeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadInputTest extends ProcessTestSupport {
    private Container c;
    private Echo echo;
    private ProcessId id;
    private Probe probe;

    static class Lookup extends Echo {
        @Op("lookup")
        String lookup(Map<String, Object> query, Message m) {
            return query.get("key") + " from " + m.sender();
        }
    }

    @BeforeEach
    void spawnTarget() {
        c = container();
        echo = new Lookup();
        id = c.spawn(echo);
        probe = new Probe(c);
    }

    private Message badRequestReplyTo(Message request) throws InterruptedException {
        probe.publish(id.toString(), request);
        Message reply = probe.next();
        assertEquals(Status.ERROR, reply.status(), reply.toString());
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response(), reply.toString());
        assertEquals("result", reply.op().orElseThrow());
        return reply;
    }

    private void assertStillServing() throws InterruptedException {
        probe.publish(id.toString(), probe.request(id.toString(), "echo", "still here").build());
        Message reply = probe.next();
        assertEquals(Status.OK, reply.status(), reply.toString());
        assertEquals("still here", reply.contentAs(String.class));
        assertEquals(ProcessState.ACTIVE, echo.state());
    }

    @Test
    void messageWithoutOpGetsBadRequestAndTheProcessKeepsServing() throws Exception {
        Message reply = badRequestReplyTo(probe.request(id.toString(), "echo", "x").header(HeaderNames.OP, null)
                .build());

        assertTrue(reply.exception().contains("no 'op'"), reply.exception());
        assertStillServing();
    }

    @Test
    void integerOpGetsBadRequestNamingTheHeader() throws Exception {
        Message reply = badRequestReplyTo(probe.request(id.toString(), "echo", "x").header(HeaderNames.OP, 42L)
                .build());

        assertTrue(reply.exception().contains("'op' must be a string but is integer"), reply.exception());
        assertStillServing();
    }

    @Test
    void stringConvSeqGetsBadRequestNamingTheHeader() throws Exception {
        Message request = probe.request(id.toString(), "echo", "x").header(HeaderNames.CONV_SEQ, "one").build();

        Message reply = badRequestReplyTo(request);

        assertTrue(reply.exception().contains("'conv-seq' must be an integer but is string"), reply.exception());
        assertEquals(request.convId(), reply.convId(), "the reply still names the conversation");
        assertEquals(List.of(), echo.seen);
        assertStillServing();
    }

    @Test
    void integerConvIdGetsBadRequestNamingTheHeader() throws Exception {
        Message reply = badRequestReplyTo(probe.request(id.toString(), "echo", "x").header(HeaderNames.CONV_ID, 7L)
                .build());

        assertTrue(reply.exception().contains("'conv-id' must be a string but is integer"), reply.exception());
        assertEquals(List.of(), echo.seen);
        assertStillServing();
    }

    @Test
    void contentOfTheWrongTypeGetsBadRequestNamingBothTypes() throws Exception {
        Message reply = badRequestReplyTo(probe.request(id.toString(), "lookup", List.of("key")).build());

        assertTrue(reply.exception().contains("must be Map but is list"), reply.exception());
        assertStillServing();
        probe.publish(id.toString(), probe.request(id.toString(), "lookup", Map.of("key", "k")).build());
        assertEquals("k from " + probe.name, probe.next().contentAs(String.class));
    }

    @Test
    void unsolicitedRepliesAreDroppedWithoutAnAnswer() throws Exception {
        probe.publish(id.toString(), probe.request(id.toString(), "result", "stray")
                .header(HeaderNames.STATUS, Status.OK).build());
        probe.publish(id.toString(), probe.request(id.toString(), "result", null)
                .header(HeaderNames.STATUS, Status.ERROR).header(HeaderNames.CONV_SEQ, "two").build());

        probe.publish(id.toString(), probe.request(id.toString(), "echo", "sentinel").build());

        Message first = probe.next();
        assertEquals("sentinel", first.contentAs(String.class), "no answer to the replies came first: " + first);
        assertEquals(List.of("sentinel"), echo.seen);
    }

    @Test
    void replyWithAnIllTypedStatusFailsTheWaitingRpcInsteadOfHangingIt() throws Exception {
        Process client = c.newClient("client");
        CompletableFuture<Message> call = client.rpcAsync(probe.name, "question", null, Duration.ofSeconds(60));
        Message request = probe.next();

        probe.publish(request.replyTo().orElseThrow(), Message.builder()
                .header(HeaderNames.SENDER, probe.name)
                .header(HeaderNames.CONV_ID, request.convId())
                .header(HeaderNames.CONV_SEQ, 2L)
                .header(HeaderNames.STATUS, 1L)
                .header(HeaderNames.OP, "result")
                .build());

        WrongContentTypeException e = assertInstanceOf(WrongContentTypeException.class, failureOf(call));
        assertTrue(e.getMessage().contains("'status'"), e.getMessage());
    }
}
