package ion.core.messaging.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmqpSettingsTest {
    @Test
    void defaultsMatchALocalRabbitMqWithGuestLogin() {
        AmqpSettings d = AmqpSettings.defaults();
        assertEquals("localhost", d.host());
        assertEquals(AmqpSettings.DEFAULT_PORT, d.port());
        assertEquals(5672, d.port());
        assertEquals("/", d.vhost());
        assertEquals("guest", d.username());
        assertEquals(Duration.ofSeconds(30), d.heartbeat());
        assertEquals(Duration.ofSeconds(5), d.connectionTimeout());
        assertEquals(Duration.ofSeconds(1), d.recoveryInterval());
        assertEquals(8L * 1024 * 1024, d.maxMessageSize());
        assertEquals("localhost:5672 (vhost /)", d.brokerAddress());
    }

    @Test
    void withersChangeOnlyTheirOwnValue() {
        AmqpSettings s = AmqpSettings.defaults().withHost("broker").withPort(5673).withVhost("ion")
                .withCredentials("u", "p").withHeartbeat(Duration.ZERO).withConnectionTimeout(Duration.ofMillis(250))
                .withRecoveryInterval(Duration.ofSeconds(3)).withMaxMessageSize(1024);
        assertEquals(new AmqpSettings("broker", 5673, "ion", "u", "p", Duration.ZERO, Duration.ofMillis(250),
                Duration.ofSeconds(3), 1024), s);
    }

    @Test
    void toStringHidesThePassword() {
        String text = AmqpSettings.defaults().withCredentials("user", "s3cret").toString();
        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("user"), text);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheSettingAndValue() {
        AmqpSettings d = AmqpSettings.defaults();
        assertMessage("broker port must be between 1 and 65535, was 0", () -> d.withPort(0));
        assertMessage("broker port must be between 1 and 65535, was 70000", () -> d.withPort(70_000));
        assertMessage("broker host must be a host name or address without spaces, was ' '", () -> d.withHost(" "));
        assertMessage("broker vhost must not be empty; RabbitMQ's default is '/'", () -> d.withVhost(""));
        assertMessage("broker username must not be empty", () -> d.withCredentials("", "x"));
        assertMessage("broker heartbeat must be 0 (off) or between 1s and 65535s, was PT0.5S",
                () -> d.withHeartbeat(Duration.ofMillis(500)));
        assertMessage("broker heartbeat must be 0 (off) or between 1s and 65535s, was PT-1S",
                () -> d.withHeartbeat(Duration.ofSeconds(-1)));
        assertMessage("broker connection timeout must be between 1ms and 2147483647ms, was PT0S",
                () -> d.withConnectionTimeout(Duration.ZERO));
        assertMessage("broker recovery interval must be between 1ms and 2147483647ms, was PT-1S",
                () -> d.withRecoveryInterval(Duration.ofSeconds(-1)));
        assertMessage("max message size must be between 1 and 536870912 bytes, was 0", () -> d.withMaxMessageSize(0));
        assertThrows(NullPointerException.class, () -> d.withHost(null));
    }

    private static void assertMessage(String expected, Runnable change) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, change::run).getMessage());
    }
}
