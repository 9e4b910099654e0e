package ion.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValueParsingTest {
    @Test
    void durationsParseEveryUnit() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(15), Durations.parse(" 15s "));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofDays(3), Durations.parse("3d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "15 s", "-5s", "1.5s", "15S", "s", "15sec"})
    void malformedDurationIsRefusedNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("ms, s, m, h or d"), e.getMessage());
    }

    @Test
    void hugeDurationIsRefusedAsTooLarge() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("999999999999999999999d"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void durationsFormatInLargestExactUnitAndRoundTrip() {
        assertEquals("15s", Durations.format(Duration.ofSeconds(15)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("1d", Durations.format(Duration.ofHours(24)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        for (String text : new String[] {"500ms", "15s", "30m", "5h", "7d"}) {
            assertEquals(text, Durations.format(Durations.parse(text)));
        }
    }

    @Test
    void sizesParseEveryUnit() {
        assertEquals(512L, Sizes.parse("512"));
        assertEquals(512L, Sizes.parse("512B"));
        assertEquals(64L * 1024, Sizes.parse("64KiB"));
        assertEquals(8L * 1024 * 1024, Sizes.parse("8MiB"));
        assertEquals(1L << 30, Sizes.parse("1GiB"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8MB", "8 MiB", "-1", "1.5GiB", "8mib", "KiB"})
    void malformedSizeIsRefusedNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains("KiB, MiB or GiB"), e.getMessage());
    }

    @Test
    void sizeOverflowingLongIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sizes.parse("9999999999GiB"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void sizesFormatInLargestExactUnit() {
        assertEquals("8MiB", Sizes.format(8L * 1024 * 1024));
        assertEquals("1000B", Sizes.format(1000));
        assertEquals("0B", Sizes.format(0));
        assertEquals("3GiB", Sizes.format(3L << 30));
        assertThrows(IllegalArgumentException.class, () -> Sizes.format(-1));
    }

    @Test
    void defaultTypeDetectionNeedsTheExactForm() {
        assertTrue(Durations.hasDurationForm("15s"));
        assertFalse(Durations.hasDurationForm("magnet.topic"));
        assertTrue(Sizes.hasSizeFormWithUnit("8MiB"));
        assertFalse(Sizes.hasSizeFormWithUnit("512"));
    }
}
