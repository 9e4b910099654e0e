package ion.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessIdTest extends ProcessTestSupport {

    static class Broken extends Process {
        @Op("broken")
        void broken(String a, String b, String c) {
        }
    }

    @Test
    void processNumbersCountFromOnePerContainer() {
        Container c = container();
        List<Long> numbers = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            ProcessId id = c.spawn(new Process());
            assertEquals(c.id(), id.containerId());
            numbers.add(id.number());
        }

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), numbers);
    }

    @Test
    void refusedSpawnsUseUpNoNumber() {
        Container c = container();
        Process once = new Process();
        assertEquals(1, c.spawn(once).number());

        assertThrows(IllegalArgumentException.class, () -> c.spawn(new Broken()));
        assertThrows(IllegalStateException.class, () -> c.spawn(once));

        assertEquals(2, c.spawn(new Process()).number());
    }

    @Test
    void twoContainersInOneJvmGetDifferentIds() {
        Container first = container();
        Container second = container();

        ProcessId a = first.spawn(new Process());
        ProcessId b = second.spawn(new Process());

        assertNotEquals(first.id(), second.id());
        assertNotEquals(a, b);
        assertNotEquals(a.toString(), b.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"host.1", "host.123.45", "a-b_c.9223372036854775807", "h.7.x.10"})
    void parseRoundTrips(String text) {
        ProcessId id = ProcessId.parse(text);

        assertEquals(text, id.toString());
        assertEquals(id, ProcessId.parse(id.toString()));
    }

    @Test
    void parseSplitsAtTheLastDot() {
        assertEquals(new ProcessId("host.123", 45), ProcessId.parse("host.123.45"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host.", ".5", "host.0", "host.-1", "host.x", "host.+5", "host.05",
            "host.5 ", "host. 5", "host.99999999999999999999", "host.١"})
    void parseRejectsBadText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcessId.parse(text));

        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }
}
