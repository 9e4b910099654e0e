package ion.services.consumer;

import java.util.Optional;

/**
 * Delivers only the latest data message of each delivery interval to every delivery queue, dropping the earlier
 * ones; nothing when no message came in the interval. Without a delivery interval it forwards every message.
 */
public class LatestConsumer extends ConsumerProcess {
    /** The process type name. */
    public static final String TYPE = "latest_consumer";

    private Optional<DataMessage> latest = Optional.empty();

    @Override
    protected void onData(DataMessage message, String queue) {
        if (deliveryInterval().isEmpty()) {
            queueToAll(message);
        } else {
            latest = Optional.of(message);
        }
    }

    @Override
    protected void onSchedule(long receivedInInterval) {
        latest.ifPresent(this::queueToAll);
        latest = Optional.empty();
    }
}
