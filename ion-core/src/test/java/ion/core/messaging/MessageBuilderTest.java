package ion.core.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {
    @Test
    void changingABuilderAfterBuildLeavesTheBuiltMessageAlone() {
        Message.Builder b = Message.builder().op("first").header("x", 1L);
        Message first = b.build();

        Message second = b.op("second").header("x", null).header("y", 2L).build();

        assertEquals(Map.of("op", "first", "x", 1L), first.headers());
        assertEquals(List.of("op", "y"), List.copyOf(second.headers().keySet()));
        assertEquals("second", second.op().orElseThrow());
    }

    @Test
    void headersKeepTheOrderTheyWereFirstSetIn() {
        Message m = Message.builder().header("b", 1L).header("a", 2L).header("b", 3L).build();

        assertEquals(List.of("b", "a"), List.copyOf(m.headers().keySet()));
        assertEquals(3L, m.headers().get("b"));
    }

    @Test
    void builtHeadersCannotBeModified() {
        Message m = Message.builder().op("x").build();

        assertThrows(UnsupportedOperationException.class, () -> m.headers().put("y", 1L));
    }
}
