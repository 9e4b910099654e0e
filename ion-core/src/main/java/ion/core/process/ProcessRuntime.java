package ion.core.process;

import ion.core.messaging.Message;
import ion.core.messaging.spi.Transport;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/** What every process of one container shares: names, the transport, settings, timers and threads. */
record ProcessRuntime(String containerId, String sysname, String exchange, Transport transport,
        ProcessSettings settings, ScheduledExecutorService timer, ThreadFactory threads, ProcessManager manager) {

    void publish(String routingKey, Message message) {
        transport.publish(exchange, routingKey, message);
    }

    void execute(Process process, Runnable work) {
        threads.newThread(work).start();
    }
}
