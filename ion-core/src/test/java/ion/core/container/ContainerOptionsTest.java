package ion.core.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.agent.AgentSettings;
import ion.core.messaging.local.LocalTransport;
import ion.core.messaging.spi.Transport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerOptionsTest {
    /**
     * The default chain names {@code gpb}, which lives in ion-object, a module ion-core cannot see; these tests
     * configure the chain of the interceptors ion-core has.
     */
    private static final String CORE_CHAIN = "messaging.interceptors=envelope+metrics";

    private static Config coreDefaults() {
        return Config.builder().args(CORE_CHAIN).build();
    }

    @Test
    void theDefaultChainNeedsTheGpbInterceptorOfIonObject() {
        ConfigException e = assertThrows(ConfigException.class, () -> ContainerOptions.fromConfig(Config.defaults()));

        assertTrue(e.getMessage().contains("unknown interceptor 'gpb'"), e.getMessage());
    }

    @Test
    void defaultConfigurationGivesTheInJvmTransportAndR1Defaults() {
        ContainerOptions options = ContainerOptions.fromConfig(coreDefaults());

        assertEquals(Optional.empty(), options.containerId());
        assertEquals(Optional.empty(), options.sysname());
        assertEquals("magnet.topic", options.exchange());
        assertEquals(Duration.ofSeconds(15), options.processSettings().rpcTimeout());
        assertEquals(8L * 1024 * 1024, options.maxMessageSize());
        try (Transport t = options.transport().open(options.maxMessageSize())) {
            assertTrue(t instanceof LocalTransport, t.description());
        }
    }

    @Test
    void shortFormsAndDottedKeysReachTheOptions() {
        Config config = Config.builder().args(CORE_CHAIN + ",sysname=demo,contid=box.7,process.rpc-timeout=2s").build();

        ContainerOptions options = ContainerOptions.fromConfig(config);

        assertEquals(Optional.of("demo"), options.sysname());
        assertEquals(Optional.of("box.7"), options.containerId());
        assertEquals(Duration.ofSeconds(2), options.processSettings().rpcTimeout());
    }

    @Test
    void unknownTransportIsRefusedNamingTheKeyAndItsSource() {
        Config config = Config.builder().args(CORE_CHAIN + ",messaging.transport=kafka").build();

        ConfigException e = assertThrows(ConfigException.class, () -> ContainerOptions.fromConfig(config));

        assertTrue(e.getMessage().contains("messaging.transport"), e.getMessage());
        assertTrue(e.getMessage().contains("kafka"), e.getMessage());
        assertTrue(e.getMessage().contains("-a"), e.getMessage());
    }

    @Test
    void outOfRangeBrokerPortIsAConfigurationError() {
        Config config = Config.builder().args(CORE_CHAIN + ",messaging.transport=amqp,messaging.broker.port=70000")
                .build();

        ConfigException e = assertThrows(ConfigException.class, () -> ContainerOptions.fromConfig(config));

        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void blankSysnameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContainerOptions.defaults().withSysname("two words"));
    }

    @Test
    void configuredContainersRunAnAgentWithTheConfiguredTimingsProgrammaticOnesDoNot() {
        ContainerOptions configured = ContainerOptions.fromConfig(Config.builder()
                .args(CORE_CHAIN + ",agent.heartbeat-interval=200ms,agent.peer-timeout=3s").build());

        assertEquals(Optional.of(AgentSettings.defaults()), ContainerOptions.fromConfig(coreDefaults()).agent());
        assertEquals(Optional.of(new AgentSettings(Duration.ofMillis(200), Duration.ofSeconds(3))),
                configured.agent());
        assertEquals(Optional.empty(), ContainerOptions.defaults().agent());
        assertEquals(Optional.empty(),
                ContainerOptions.fromConfig(Config.builder().args(CORE_CHAIN + ",agent.enabled=false").build())
                        .agent());
    }

    @Test
    void aPeerTimeoutNotLongerThanTheHeartbeatIsAConfigurationError() {
        Config config = Config.builder().args(CORE_CHAIN + ",agent.heartbeat-interval=2s,agent.peer-timeout=2s")
                .build();

        ConfigException e = assertThrows(ConfigException.class, () -> ContainerOptions.fromConfig(config));

        assertTrue(e.getMessage().contains("peer timeout"), e.getMessage());
    }
}
