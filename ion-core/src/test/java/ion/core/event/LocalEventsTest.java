package ion.core.event;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;

/** The events suite on the in-JVM broker. */
class LocalEventsTest extends EventsConformance {
    private static final LocalBroker BROKER = new LocalBroker("events");

    @Override
    TransportFactory transports() {
        return BROKER::connect;
    }
}
