package ion.services.consumer;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;
import java.util.UUID;

/** The consumer cases on the in-JVM broker. */
class LocalConsumerTest extends ConsumerConformance {
    @Override
    TransportFactory transports() {
        return new LocalBroker("consumers-" + UUID.randomUUID())::connect;
    }
}
