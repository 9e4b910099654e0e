package ion.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.MessagingException;
import ion.core.messaging.Scope;
import ion.core.messaging.TransportUnavailableException;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceiverKind;
import ion.core.testing.BrokerControl;
import ion.core.testing.RequiresBrokerExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A running container survives a RabbitMQ restart without being restarted itself. */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpContainerRecoveryIT {
    @Test
    void rpcsFailClearlyWhileTheBrokerIsDownAndWorkAgainAfterItReturns() throws Exception {
        BrokerControl rabbit = BrokerControl.require();
        String sysname = "recovery-" + UUID.randomUUID().toString().substring(0, 8);
        var settings = AmqpContainerConformanceIT.brokerSettings().withRecoveryInterval(Duration.ofMillis(500));
        ContainerOptions options = ContainerOptions.defaults().withSysname(sysname).withTypes(ProcessTypes.empty())
                .withProcessSettings(ProcessSettings.defaults().withRpcTimeout(Duration.ofSeconds(5)))
                .withTransport(max -> AmqpTransport.connect(settings.withMaxMessageSize(max)));
        try (Container container = Container.start(options)) {
            ProcessId echo = container.spawn(new TestProcesses.Echo());
            container.spawn(new TestProcesses.Worker(ReceiverKind.WORKER, "svc"));
            Process client = container.newClient("client");
            String service = client.qualify("svc", Scope.SYSTEM);
            assertEquals("before", client.rpc(echo.toString(), "echo", "before").contentAs(String.class));

            rabbit.stopApp();
            try {
                long start = System.nanoTime();
                TransportUnavailableException down = assertThrows(TransportUnavailableException.class,
                        () -> client.rpc(echo.toString(), "echo", "during"));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
                        "failed at once rather than by timing out");
                assertTrue(down.getMessage().contains("5672"), down.getMessage());
            } finally {
                rabbit.startApp();
            }

            String answer = awaitAnswer(client, echo.toString(), Duration.ofSeconds(30));
            assertEquals("after", answer);
            assertEquals(client.id().toString().replaceAll("\\.\\d+$", "") + ".2",
                    client.rpc(service, "work", "job", Duration.ofSeconds(10)).contentAs(String.class),
                    "the service's worker queue was re-declared and its consumer restored");
        }
    }

    private static String awaitAnswer(Process client, String target, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        MessagingException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return client.rpc(target, "echo", "after", Duration.ofSeconds(2)).contentAs(String.class);
            } catch (MessagingException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the container did not recover within " + within, last);
    }
}
