package ion.core.conformance;

import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.spi.TransportFactory;
import ion.core.testing.RequiresBrokerExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The container conformance suite on RabbitMQ. */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpContainerConformanceIT extends ContainerConformance {
    static AmqpSettings brokerSettings() {
        return AmqpSettings.defaults().withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
    }

    @Override
    TransportFactory transports() {
        AmqpSettings settings = brokerSettings();
        return max -> AmqpTransport.connect(settings.withMaxMessageSize(max));
    }
}
