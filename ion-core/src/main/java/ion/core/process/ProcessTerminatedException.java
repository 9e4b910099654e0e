package ion.core.process;

import ion.core.messaging.MessagingException;

/** The process was terminated while it waited for an RPC reply, or was asked to send after termination. */
public class ProcessTerminatedException extends MessagingException {
    public ProcessTerminatedException(String message) {
        super(message);
    }
}
