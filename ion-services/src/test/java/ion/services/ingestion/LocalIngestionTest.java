package ion.services.ingestion;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;
import java.util.UUID;

/** The ingestion cases on the in-JVM broker: one broker per test, shared by its containers. */
class LocalIngestionTest extends IngestionConformance {
    private final LocalBroker broker = new LocalBroker("ingestion-" + UUID.randomUUID());

    @Override
    TransportFactory transports() {
        return broker::connect;
    }
}
