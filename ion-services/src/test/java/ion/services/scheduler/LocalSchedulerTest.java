package ion.services.scheduler;

import ion.core.messaging.local.LocalBroker;
import ion.core.messaging.spi.TransportFactory;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scheduler cases on the in-JVM broker. */
class LocalSchedulerTest extends SchedulerConformance {
    @Override
    TransportFactory transports() {
        return new LocalBroker("scheduler-" + UUID.randomUUID())::connect;
    }

    /** Only the in-JVM transport hands over content the wire format cannot carry. */
    @Test
    void aPayloadThatCannotBeStoredIsABadRequestNamingThePayload() {
        ScheduleClient client = start(Map.of());

        assertBadRequest(container.newClient("bad-caller"), client.target(), "add_task", Map.of("target", target(),
                "interval", 1.0, "payload", new Object()), "'payload'");
    }
}
