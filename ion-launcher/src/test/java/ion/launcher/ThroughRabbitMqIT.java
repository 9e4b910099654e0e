package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static ion.launcher.ScriptProcess.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.testing.RequiresBrokerExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code bin/ion-cc} containers and {@code bin/ion-call} as separate OS processes sharing a system on RabbitMQ. */
@ExtendWith(RequiresBrokerExtension.class)
class ThroughRabbitMqIT {
    private static final Duration REPLIES = Duration.ofSeconds(30);

    private final String sysname = ScriptProcess.uniqueSysname();
    private final List<ScriptProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(ScriptProcess::close);
    }

    private ScriptProcess script(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-h", RequiresBrokerExtension.brokerHost(), "-p",
                Integer.toString(RequiresBrokerExtension.brokerPort()), "-a", "sysname=" + sysname));
        all.addAll(List.of(args));
        ScriptProcess p = ScriptProcess.start(name, all.toArray(String[]::new));
        started.add(p);
        return p;
    }

    /** Starts {@code count} containers each serving hello and waits until each serves; their container ids. */
    private List<String> helloContainers(int count) throws IOException {
        List<ScriptProcess> containers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            containers.add(script("ion-cc", "-n", "--spawn", "hello"));
        }
        List<String> ids = new ArrayList<>();
        for (ScriptProcess cc : containers) {
            String id = cc.awaitValue("container-id:", START);
            assertEquals(sysname, cc.awaitValue("sysname:", START), cc.report());
            // Process 1 is the container agent.
            assertEquals(id + ".2", cc.awaitValue("spawned hello as ", START), cc.report());
            ids.add(id);
        }
        return ids;
    }

    @Test
    void helloIsAnsweredAcrossThreeOsProcessesThroughRabbitMq() throws Exception {
        helloContainers(2);

        ScriptProcess call = script("ion-call", "hello", "hello", "World");

        assertEquals(0, call.awaitExit(FINISH), call.report());
        assertEquals("Hello there, World\n", call.stdout(), call.report());
    }

    @Test
    void twoHelloInstancesInTwoContainersSplitOneHundredCallsNoneLost() throws Exception {
        List<String> containerIds = helloContainers(2);
        AmqpSettings broker = AmqpSettings.defaults()
                .withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        ContainerOptions options = ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(max -> AmqpTransport.connect(broker.withMaxMessageSize(max)));

        Map<String, Integer> answeredBy = new TreeMap<>();
        try (Container container = Container.start(options)) {
            Process caller = container.newClient("launcher-it");
            List<CompletableFuture<Message>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(caller.rpcAsync(sysname + ".hello", "hello", "caller " + i, REPLIES));
            }
            for (int i = 0; i < 100; i++) {
                Message reply = calls.get(i).get(REPLIES.toSeconds(), TimeUnit.SECONDS);
                assertEquals("Hello there, caller " + i, reply.content().orElse(null));
                answeredBy.merge(ProcessId.parse(reply.sender()).containerId(), 1, Integer::sum);
            }
        }

        assertEquals(Set.copyOf(containerIds), answeredBy.keySet(), "replies by container: " + answeredBy);
        assertEquals(100, answeredBy.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void ionCallExitCodes() throws Exception {
        helloContainers(1);

        ScriptProcess unknownOp = script("ion-call", "hello", "nosuch", "World");
        ScriptProcess nobody = script("ion-call", "--timeout", "1", "nobody", "hello", "World");

        assertEquals(1, unknownOp.awaitExit(FINISH), unknownOp.report());
        assertEquals("", unknownOp.stdout(), unknownOp.report());
        assertTrue(unknownOp.stderr().contains(ResponseCodes.UNKNOWN_OPERATION), unknownOp.report());
        assertTrue(unknownOp.stderr().contains("'nosuch'"), unknownOp.report());

        assertEquals(2, nobody.awaitExit(FINISH), nobody.report());
        assertEquals("", nobody.stdout(), nobody.report());
        assertTrue(nobody.stderr().contains("no reply from '" + sysname + ".nobody'"), nobody.report());
    }
}
