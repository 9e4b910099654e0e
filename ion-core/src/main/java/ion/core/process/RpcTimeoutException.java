package ion.core.process;

import ion.core.messaging.MessagingException;
import java.time.Duration;

/** No reply to an RPC arrived within its timeout. A reply that comes later is discarded. */
public class RpcTimeoutException extends MessagingException {
    private final Duration timeout;

    public RpcTimeoutException(String target, String op, String convId, Duration timeout) {
        super("no reply from '" + target + "' to op '" + op + "' within " + timeout.toMillis() + " ms (conv-id "
                + convId + "); is a process listening on that name?");
        this.timeout = timeout;
    }

    /** The timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}
