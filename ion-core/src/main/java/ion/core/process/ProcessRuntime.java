package ion.core.process;

import ion.core.intercept.InterceptContext;
import ion.core.intercept.InterceptorChain;
import ion.core.intercept.MessageDroppedException;
import ion.core.intercept.Verdict;
import ion.core.messaging.Message;
import ion.core.messaging.spi.Transport;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** What every process of one container shares: names, the transport, interceptors, settings, timers, threads. */
record ProcessRuntime(String containerId, String sysname, String exchange, Transport transport,
        InterceptorChain interceptors, ProcessSettings settings, ScheduledExecutorService timer,
        ThreadFactory threads, ProcessManager manager) {

    /**
     * Passes a message through the outbound interceptors and publishes what comes out.
     *
     * @throws MessageDroppedException if an interceptor dropped it
     */
    void publish(InterceptContext context, String routingKey, Message message) {
        publish(context, exchange, routingKey, message);
    }

    /**
     * Passes a message through the outbound interceptors and publishes what comes out to {@code toExchange}.
     *
     * @throws MessageDroppedException if an interceptor dropped it
     */
    void publish(InterceptContext context, String toExchange, String routingKey, Message message) {
        Verdict verdict = interceptors.outbound(message, context);
        if (verdict instanceof Verdict.Drop drop) {
            throw new MessageDroppedException(drop.interceptor(), drop.reason());
        }
        transport.publish(toExchange, routingKey, ((Verdict.Proceed) verdict).message());
    }

    void execute(Process process, Runnable work) {
        threads.newThread(work).start();
    }
}
