package ion.services.registry;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;

/** The registry's life-cycle events on the in-JVM broker. */
class LocalResourceEventsTest extends ResourceEventsConformance {
    private static final LocalBroker BROKER = new LocalBroker("resource-events");

    @Override
    TransportFactory transports() {
        return BROKER::connect;
    }
}
