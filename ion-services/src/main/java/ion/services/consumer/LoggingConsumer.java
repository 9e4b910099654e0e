package ion.services.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every data message (at INFO, logger {@code ion.services.consumer.LoggingConsumer}) and delivers nothing. */
public class LoggingConsumer extends ConsumerProcess {
    /** The process type name. */
    public static final String TYPE = "logging_consumer";

    private static final Logger LOG = LoggerFactory.getLogger(LoggingConsumer.class);

    @Override
    protected void onData(DataMessage message, String queue) {
        LOG.info("consumer {} got from {}: data={} notification='{}' timestamp={}", name(), queue,
                message.data().map(String::valueOf).orElse("none"), message.notification(), message.timestamp());
    }
}
