package ion.core.messaging.amqp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.testing.RequiresBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the AMQP integration tests. */
final class AmqpTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);

    private AmqpTestSupport() {
    }

    /** Settings for the test broker, reconnecting quickly. */
    static AmqpSettings settings() {
        return AmqpSettings.defaults()
                .withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort())
                .withRecoveryInterval(Duration.ofMillis(500));
    }

    /** A name prefix no other test run uses, like a sysname. */
    static String uniquePrefix() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A plain client connection to the test broker, for what the transport must not do itself. */
    static Connection rawConnection() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(RequiresBrokerExtension.brokerHost());
        factory.setPort(RequiresBrokerExtension.brokerPort());
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("ioncore-it-raw");
    }

    static Message message(String op, Object content) {
        return Message.builder().header("sender", "it").op(op).header("conv-seq", 1L).content(content).build();
    }

    /** Records what a consumer receives; acks each delivery at once unless told not to. */
    static class Recorder implements DeliveryHandler {
        final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        final BlockingQueue<MalformedMessageException> malformed = new LinkedBlockingQueue<>();
        private final boolean autoAck;

        Recorder(boolean autoAck) {
            this.autoAck = autoAck;
        }

        @Override
        public void onDelivery(Delivery delivery) {
            if (autoAck) {
                delivery.ack();
            }
            deliveries.add(delivery);
        }

        @Override
        public void onMalformed(String queue, MalformedMessageException problem) {
            malformed.add(problem);
        }

        Delivery next() throws InterruptedException {
            return next(WAIT);
        }

        Delivery next(Duration wait) throws InterruptedException {
            Delivery d = deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(d, "no delivery within " + wait);
            return d;
        }

        List<Delivery> take(int count) throws InterruptedException {
            List<Delivery> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(next());
            }
            return list;
        }

        boolean quietFor(Duration wait) throws InterruptedException {
            return deliveries.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
        }
    }
}
