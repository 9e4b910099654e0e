package ion.services.pubsub;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;

/** The data distribution suite on the in-JVM broker (a fresh broker per test class). */
class LocalPubsubTest extends PubsubConformance {
    private static final LocalBroker BROKER = new LocalBroker("pubsub");

    @Override
    TransportFactory transports() {
        return BROKER::connect;
    }
}
