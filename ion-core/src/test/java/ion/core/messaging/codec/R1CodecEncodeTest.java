package ion.core.messaging.codec;

import static ion.core.messaging.codec.WireTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ion.core.messaging.Message;
import ion.core.messaging.MessageTooLargeException;

class R1CodecEncodeTest {
    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private IllegalArgumentException unencodable(Message m) {
        return assertThrows(IllegalArgumentException.class, () -> codec.encode(m));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void unsupportedTypeInContentNamesItsPathAndJavaType() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("items", List.of("a", 1, true, Instant.EPOCH));

        IllegalArgumentException e = unencodable(Message.builder().content(content).build());

        assertMentions(e, "content.items[3]", "java.time.Instant");
    }

    @Test
    void unsupportedTypeInAHeaderNamesTheHeader() {
        IllegalArgumentException e = unencodable(Message.builder()
                .header("x-extra", List.of(Map.of("n", BigInteger.TEN))).build());

        assertMentions(e, "x-extra[0].n", "java.math.BigInteger");
    }

    @Test
    void unsupportedMapKeyNamesTheEntry() {
        IllegalArgumentException e = unencodable(Message.builder()
                .content(Map.of("outer", Map.of(Set.of(1), "v"))).build());

        assertMentions(e, "content.outer{key of entry 0}", "Set");
    }

    @Test
    void javaArraysOtherThanByteArrayAreNotEncodable() {
        assertMentions(unencodable(Message.builder().content(new String[] {"a"}).build()), "content",
                "java.lang.String[]");
        assertMentions(unencodable(Message.builder().content(new int[] {1}).build()), "content", "int[]");
    }

    @Test
    void aListThatContainsItselfIsRejectedNotOverflowed() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertMentions(unencodable(Message.builder().content(cycle).build()), "content[0][0]", "nested more than");
    }

    @Test
    void checkedHeadersMustHaveTheTypeReceiversExpect() {
        assertMentions(unencodable(Message.builder().header("op", 5).build()), "op", "String",
                "java.lang.Integer");
        assertMentions(unencodable(Message.builder().header("reply-to", new byte[] {1}).build()), "reply-to",
                "String");
        assertMentions(unencodable(Message.builder().header("conv-seq", "1").build()), "conv-seq", "integer",
                "java.lang.String");
        assertMentions(unencodable(Message.builder().header("conv-seq", 1.0).build()), "conv-seq", "Double");
    }

    @Test
    void integerConvSeqOfAnyIntegralTypeIsAccepted() {
        for (Object seq : List.of(2, 2L, (short) 2, (byte) 2)) {
            assertEquals(2L, codec.decode(codec.encode(Message.builder().header("conv-seq", seq).build())).convSeq());
        }
    }

    @Test
    void encodingOverTheLimitIsRefusedWithTheExactSize() {
        Message m = Message.builder().op("store").content(new byte[200]).build();
        int actualSize = codec.encode(m).length;
        R1Codec small = new R1Codec(100);

        MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> small.encode(m));

        assertEquals(actualSize, e.size());
        assertEquals(100, e.limit());
    }

    @Test
    void encodingOfExactlyTheLimitSucceeds() {
        Message m = Message.builder().op("store").content("x".repeat(300)).build();
        int size = codec.encode(m).length;

        assertEquals(size, new R1Codec(size).encode(m).length);
        assertThrows(MessageTooLargeException.class, () -> new R1Codec(size - 1).encode(m));
    }

    @Test
    void multiByteTextCountsItsUtf8BytesAgainstTheLimit() {
        Message m = Message.builder().content("\u65e5".repeat(50)).build();

        MessageTooLargeException e = assertThrows(MessageTooLargeException.class, () -> new R1Codec(100).encode(m));

        assertEquals(1 + 8 + 3 + 150, e.size());
    }

    @Test
    void encodedBodyHoldsExactlyTheEncodedBytes() {
        Message m = Message.builder().header("sender", "a.1").header("conv-seq", 1).content(List.of("x", 1.0f))
                .build();

        assertArrayEquals(hex("83A673656E646572A3612E31A8636F6E762D73657101A7636F6E74656E7492A178CA3F800000"),
                codec.encode(m));
    }

    @Test
    void limitMustBePositiveAndHugeLimitsActAsTheLargestArray() {
        assertThrows(IllegalArgumentException.class, () -> new R1Codec(0));
        assertThrows(IllegalArgumentException.class, () -> new R1Codec(-1));
        assertEquals(R1Codec.DEFAULT_MAX_MESSAGE_SIZE, codec.maxMessageSize());
        assertEquals(Integer.MAX_VALUE - 8, new R1Codec(Long.MAX_VALUE).maxMessageSize());
    }

    @Test
    void defaultLimitIsEightMebibytes() {
        assertEquals(8L * 1024 * 1024, R1Codec.DEFAULT_MAX_MESSAGE_SIZE);
    }
}
