package ion.services.consumer;

/** Forwards every data message, unchanged, to each of its delivery queues (R1's forwarding consumer). */
public class ForwardingConsumer extends ConsumerProcess {
    /** The process type name. */
    public static final String TYPE = "forwarding_consumer";

    @Override
    protected void onData(DataMessage message, String queue) {
        queueToAll(message);
    }
}
