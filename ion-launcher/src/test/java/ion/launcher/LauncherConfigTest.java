package ion.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ion.core.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {
    @TempDir
    Path home;

    @Test
    void withoutBrokerOptionsTheContainerUsesTheInJvmBroker() {
        Config c = LauncherConfig.build(home, Optional.empty(), List.of(), LauncherConfig.BrokerOptions.none());

        assertEquals("local", c.string("messaging.transport"));
    }

    @Test
    void aPortAloneSelectsRabbitMqOnTheConfiguredHost() {
        Config c = LauncherConfig.build(home, Optional.empty(), List.of(),
                new LauncherConfig.BrokerOptions(Optional.empty(), Optional.of(5673), Optional.empty()));

        assertEquals("amqp", c.string("messaging.transport"));
        assertEquals("localhost", c.string("messaging.broker.host"));
        assertEquals(5673, c.intValue("messaging.broker.port"));
    }

    @Test
    void commandLineBrokerOptionsOverrideTheArguments() {
        Config c = LauncherConfig.build(home, Optional.empty(), List.of("messaging.broker.host=elsewhere"),
                new LauncherConfig.BrokerOptions(Optional.of("rabbit"), Optional.empty(), Optional.of("/ion")));

        assertEquals("rabbit", c.string("messaging.broker.host"));
        assertEquals("/ion", c.string("messaging.broker.vhost"));
    }
}
