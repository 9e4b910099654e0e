package ion.services.scheduler;

import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.spi.TransportFactory;
import ion.core.testing.RequiresBrokerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler cases on RabbitMQ. */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpSchedulerIT extends SchedulerConformance {
    @Override
    TransportFactory transports() {
        AmqpSettings settings = AmqpSettings.defaults().withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        return max -> AmqpTransport.connect(settings.withMaxMessageSize(max));
    }
}
