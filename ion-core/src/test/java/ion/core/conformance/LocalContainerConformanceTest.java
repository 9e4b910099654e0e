package ion.core.conformance;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;

/** The container conformance suite on the in-JVM broker (a fresh broker per test class). */
class LocalContainerConformanceTest extends ContainerConformance {
    private static final LocalBroker BROKER = new LocalBroker("conformance");

    @Override
    TransportFactory transports() {
        return BROKER::connect;
    }
}
