package ion.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BytesAndPredicateTest {
    @Test
    void bytesEqualByContentAndCopy() {
        byte[] raw = {1, 2, 3};
        Bytes a = Bytes.of(raw);
        raw[0] = 9;
        assertEquals(Bytes.of(new byte[] {1, 2, 3}), a);
        assertEquals(Bytes.of(new byte[] {1, 2, 3}).hashCode(), a.hashCode());
        a.toArray()[0] = 9;
        assertEquals(1, a.toArray()[0]);
        assertNotEquals(Bytes.of(new byte[] {1, 2}), a);
        assertEquals("010203", a.toString());
        assertEquals(3, a.length());
    }

    @Test
    void bytesOrderUnsigned() {
        assertTrue(Bytes.of(new byte[] {(byte) 0xff}).compareTo(Bytes.of(new byte[] {1})) > 0);
        assertTrue(Bytes.of(new byte[] {1}).compareTo(Bytes.of(new byte[] {1, 0})) < 0);
        assertEquals(0, Bytes.utf8("x").compareTo(Bytes.of(new byte[] {'x'})));
    }

    @Test
    void longBytesPrintShortened() {
        assertTrue(Bytes.of(new byte[1000]).toString().endsWith("...(1000 bytes)"));
    }

    @Test
    void predicatesTestAttributes() {
        Map<String, String> attrs = Map.of("state", "CA", "n", "10");
        assertTrue(Predicate.eq("state", "CA").test(attrs));
        assertFalse(Predicate.eq("state", "OR").test(attrs));
        assertTrue(Predicate.gt("n", "09").test(attrs));
        assertFalse(Predicate.gt("n", "9").test(attrs), "GT is lexicographic");
        assertFalse(Predicate.gt("missing", "").test(attrs));
        assertFalse(Predicate.gt("n", "10").test(attrs), "GT is strict");
    }

    @Test
    void predicatesRefuseBlankNamesAndNulls() {
        assertThrows(IllegalArgumentException.class, () -> Predicate.eq(" ", "x"));
        assertThrows(NullPointerException.class, () -> Predicate.eq("a", null));
        assertThrows(NullPointerException.class, () -> new Predicate("a", null, "x"));
    }
}
