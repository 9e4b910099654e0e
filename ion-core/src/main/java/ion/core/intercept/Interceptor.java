package ion.core.intercept;

import ion.core.messaging.Message;

/**
 * One stage of the message path of a container. Every message a process sends passes the outbound stages in
 * configured order before it reaches the transport; every message delivered to a process passes the inbound
 * stages in reverse order before the process sees it (RPC replies included). A stage may pass the message on
 * unchanged, replace it, or drop it; a drop is final: an outbound drop fails the send with
 * {@link MessageDroppedException}, an inbound drop acknowledges and discards the delivery (answering the sender
 * when the verdict carries a response code).
 *
 * <p>Called on the sending thread (outbound) or the transport's delivery thread (inbound), possibly from many
 * threads at once: implementations must be thread-safe and must not block.
 */
public interface Interceptor {
    /** The name the interceptor is configured by, e.g. {@code metrics}. */
    String name();

    /** Decides about a message leaving a process. The default passes it on. */
    default Verdict outbound(Message message, InterceptContext context) {
        return Verdict.proceed(message);
    }

    /** Decides about a message arriving for a process. The default passes it on. */
    default Verdict inbound(Message message, InterceptContext context) {
        return Verdict.proceed(message);
    }
}
