package ion.core.messaging.amqp;

import static ion.core.messaging.amqp.AmqpTestSupport.message;
import static ion.core.messaging.amqp.AmqpTestSupport.settings;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Connection;
import ion.core.messaging.MessagingException;
import ion.core.messaging.TransportUnavailableException;
import ion.core.messaging.amqp.AmqpTestSupport.Recorder;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.TransportListener;
import ion.core.testing.BrokerControl;
import ion.core.testing.RequiresBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops and restarts the broker's application with {@code rabbitmqctl}, so it needs a local broker this process may
 * control; other clients of that broker see the outage too.
 */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpRecoveryIT.class);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(30);

    @Test
    void publishFailsAtOnceWhileTheBrokerIsDownAndWorksAgainOnceTheTransportHasRecovered() throws Exception {
        BrokerControl rabbit = BrokerControl.require();
        String prefix = AmqpTestSupport.uniquePrefix();
        String exchange = prefix + ".topic";
        CountDownLatch disconnected = new CountDownLatch(1);
        CountDownLatch recovered = new CountDownLatch(1);

        try (AmqpTransport transport = AmqpTransport.connect(settings(), prefix);
                AmqpTransport closedWhileDown = AmqpTransport.connect(settings(), prefix + "-idle")) {
            transport.addListener(new TransportListener() {
                @Override
                public void disconnected(Throwable cause) {
                    disconnected.countDown();
                }

                @Override
                public void recovered() {
                    recovered.countDown();
                }
            });
            transport.declareExchange(exchange, false, true);
            String queue = transport.declareQueue(QueueSpec.processQueue(prefix + ".proc"));
            transport.bind(queue, exchange, queue);
            String fanout = transport.declareQueue(QueueSpec.fanoutQueue());
            transport.bind(fanout, exchange, prefix + ".all");
            Recorder process = new Recorder(false);
            transport.consume(queue, new ConsumeOptions(8, false), process);
            Recorder subscriber = new Recorder(true);
            transport.consume(fanout, new ConsumeOptions(1, false), subscriber);

            MessagingException refused = assertThrows(MessagingException.class,
                    () -> transport.declareQueue(new QueueSpec(queue, true, false, false, Optional.empty())));
            assertTrue(refused.getMessage().contains("PRECONDITION_FAILED"), refused.getMessage());

            transport.publish(exchange, queue, message("before", 1L));
            transport.publish(exchange, queue, message("before", 2L));
            List<Delivery> heldAcrossOutage = process.take(2);

            long stopStarted = System.nanoTime();
            try {
                rabbit.stopApp();
                long stopMillis = millisSince(stopStarted);
                assertTrue(disconnected.await(15, TimeUnit.SECONDS), "disconnected() not called");
                assertFalse(transport.isConnected());

                long publishStarted = System.nanoTime();
                TransportUnavailableException down = assertThrows(TransportUnavailableException.class,
                        () -> transport.publish(exchange, queue, message("during", 3L)));
                long publishMillis = millisSince(publishStarted);
                assertTrue(publishMillis < 1000, "publish took " + publishMillis + "ms to fail");
                String broker = RequiresBrokerExtension.brokerHost() + ":" + RequiresBrokerExtension.brokerPort();
                assertTrue(down.getMessage().contains(broker) && down.getMessage().contains("reconnecting"),
                        down.getMessage());
                assertThrows(TransportUnavailableException.class,
                        () -> transport.declareQueue(QueueSpec.fanoutQueue()));
                assertDoesNotThrow(() -> heldAcrossOutage.get(0).ack(), "ack while down must be harmless");
                long closeStarted = System.nanoTime();
                closedWhileDown.close();
                assertTrue(millisSince(closeStarted) < settings().connectionTimeout().toMillis(),
                        "close while down took " + millisSince(closeStarted) + "ms");
                LOG.info("measured: stop_app {}ms, publish while down failed after {}ms: {}", stopMillis,
                        publishMillis, down.getMessage());
            } finally {
                rabbit.startApp();
            }
            long startReturned = System.nanoTime();

            assertTrue(recovered.await(RECOVERY_WAIT.toSeconds(), TimeUnit.SECONDS), "recovered() not called");
            long recoveryMillis = millisSince(startReturned);
            assertTrue(transport.isConnected());
            assertDoesNotThrow(() -> heldAcrossOutage.get(1).ack(), "a stale delivery tag must be ignored");

            long firstPublishAfter = publishUntilAccepted(transport, exchange, queue);
            Delivery after = process.next();
            assertEquals("after", after.message().op().orElseThrow());
            after.ack();

            transport.publish(exchange, prefix + ".all", message("broadcast", 4L));
            assertEquals("broadcast", subscriber.next().message().op().orElseThrow());
            LOG.info("measured: outage {}ms in total; recovered() {}ms after start_app returned; publish accepted"
                    + " {}ms after recovered()", millisSince(stopStarted), recoveryMillis, firstPublishAfter);
        }
    }

    @Test
    void aQueueThatCannotBeRestoredDoesNotStopTheRestOfTheTopologyFromComingBack() throws Exception {
        BrokerControl rabbit = BrokerControl.require();
        String prefix = AmqpTestSupport.uniquePrefix();
        String exchange = prefix + ".topic";
        String conflicting = prefix + ".conflicting";
        CountDownLatch recovered = new CountDownLatch(1);
        AmqpSettings slowToReconnect = settings().withRecoveryInterval(Duration.ofSeconds(4));

        try (AmqpTransport transport = AmqpTransport.connect(slowToReconnect, prefix)) {
            transport.addListener(new TransportListener() {
                @Override
                public void recovered() {
                    recovered.countDown();
                }
            });
            transport.declareExchange(exchange, false, true);
            transport.declareQueue(QueueSpec.workerQueue(conflicting, Duration.ofMinutes(1)));
            String queue = transport.declareQueue(QueueSpec.processQueue(prefix + ".proc"));
            transport.bind(queue, exchange, queue);
            Recorder process = new Recorder(true);
            transport.consume(queue, new ConsumeOptions(1, false), process);

            try {
                rabbit.stopApp();
            } finally {
                rabbit.startApp();
            }
            try (Connection intruder = AmqpTestSupport.rawConnection()) {
                intruder.createChannel().queueDeclare(conflicting, false, false, false, Map.of());
                assertTrue(recovered.await(RECOVERY_WAIT.toSeconds(), TimeUnit.SECONDS), "recovered() not called");

                publishUntilAccepted(transport, exchange, queue);
                assertEquals("after", process.next().message().op().orElseThrow());
                String other = transport.declareQueue(QueueSpec.processQueue(prefix + ".other"));
                assertEquals(prefix + ".other", other);
            } finally {
                try (Connection cleanup = AmqpTestSupport.rawConnection()) {
                    cleanup.createChannel().queueDelete(conflicting);
                }
            }
        }
    }

    private static long publishUntilAccepted(AmqpTransport transport, String exchange, String queue)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + RECOVERY_WAIT.toNanos();
        while (true) {
            try {
                transport.publish(exchange, queue, message("after", 5L));
                return millisSince(started);
            } catch (TransportUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
