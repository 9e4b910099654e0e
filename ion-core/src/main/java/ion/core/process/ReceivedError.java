package ion.core.process;

import ion.core.messaging.Message;
import java.util.Optional;

/**
 * The answer to an RPC had status ERROR. Carries the reply: its {@code response} code, the remote
 * {@code exception} text and any content.
 */
public class ReceivedError extends RuntimeException {
    private final transient Message reply;

    public ReceivedError(Message reply) {
        super(describe(reply));
        this.reply = reply;
    }

    private static String describe(Message reply) {
        String exception = reply.exception();
        return reply.response() + (exception.isEmpty() ? "" : ": " + exception) + " (from " + reply.sender() + ")";
    }

    /** The error reply as received. */
    public Message reply() {
        return reply;
    }

    /** The {@code status} header, normally {@code ERROR}. */
    public String status() {
        return reply.status();
    }

    /** The {@code response} code, e.g. {@code ION ERROR: Process Receiver Error}. */
    public String responseCode() {
        return reply.response();
    }

    /** The remote exception text; empty if none was given. */
    public String exceptionText() {
        return reply.exception();
    }

    /** The reply content, if any. */
    public Optional<Object> content() {
        return reply.content();
    }
}
