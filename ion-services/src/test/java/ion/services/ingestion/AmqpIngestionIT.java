package ion.services.ingestion;

import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.spi.TransportFactory;
import ion.core.testing.RequiresBrokerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingestion cases on RabbitMQ. */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpIngestionIT extends IngestionConformance {
    @Override
    TransportFactory transports() {
        AmqpSettings settings = AmqpSettings.defaults().withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        return max -> AmqpTransport.connect(settings.withMaxMessageSize(max));
    }
}
