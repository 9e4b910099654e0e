package ion.core.messaging.codec;

import static ion.core.messaging.codec.WireTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

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

    /**
     * The bytes msgpack-java's packer writes for the same content with str8 turned off, the old dialect: the
     * encoder writes every value in the form that packer chooses.
     */
    private static byte[] packedByMsgpackJava(Object content) throws IOException {
        try (MessageBufferPacker packer = new MessagePack.PackerConfig().withStr8FormatSupport(false)
                .newBufferPacker()) {
            packer.packMapHeader(1);
            packer.packRawStringHeader(7);
            packer.writePayload("content".getBytes(StandardCharsets.US_ASCII));
            pack(packer, content);
            return packer.toByteArray();
        }
    }

    private static void pack(MessageBufferPacker packer, Object value) throws IOException {
        switch (value) {
            case null -> packer.packNil();
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                packer.packRawStringHeader(utf8.length);
                packer.writePayload(utf8);
            }
            case byte[] bytes -> {
                packer.packRawStringHeader(bytes.length);
                packer.writePayload(bytes);
            }
            case Long l -> packer.packLong(l);
            case Integer i -> packer.packLong(i);
            case Double d -> packer.packDouble(d);
            case Float f -> packer.packFloat(f);
            case Boolean b -> packer.packBoolean(b);
            case List<?> list -> {
                packer.packArrayHeader(list.size());
                for (Object element : list) {
                    pack(packer, element);
                }
            }
            case Map<?, ?> map -> {
                packer.packMapHeader(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    pack(packer, e.getKey());
                    pack(packer, e.getValue());
                }
            }
            default -> throw new IllegalArgumentException(value.getClass().getName());
        }
    }

    @Test
    void everyValueIsWrittenInTheFormMsgpackJavaChoosesWithoutStr8() throws IOException {
        List<Object> values = new ArrayList<>();
        long[] edges = {0, 1, 31, 32, 127, 128, 255, 256, 65535, 65536, (1L << 32) - 1, 1L << 32, Long.MAX_VALUE};
        for (long edge : edges) {
            values.add(edge);
            values.add(-edge);
            values.add(-edge - 1);
        }
        values.add(Long.MIN_VALUE);
        values.add(Integer.MIN_VALUE);
        values.add(Integer.MAX_VALUE);
        values.addAll(List.of(0.0, -0.0, 1.5, Double.NaN, Double.MAX_VALUE, Double.NEGATIVE_INFINITY));
        values.addAll(List.of(0.0f, 1.5f, Float.NaN, Float.MIN_VALUE));
        values.addAll(List.of(true, false, "", "é☃\uD83D\uDE00"));
        for (int length : new int[] {31, 32, 255, 256, 65535, 65536}) {
            values.add("x".repeat(length));
            values.add(new byte[length]);
        }
        values.add(null);
        for (int count : new int[] {15, 16, 65535, 65536}) {
            List<Object> list = new ArrayList<>(java.util.Collections.nCopies(count, 1L));
            values.add(list);
            Map<Object, Object> map = new LinkedHashMap<>();
            for (long i = 0; i < count; i++) {
                map.put(i, null);
            }
            values.add(map);
        }
        values.add(new ArrayList<>(values));

        for (Object value : values) {
            String what = value == null ? "nil" : value.getClass().getSimpleName() + " " + String.valueOf(value)
                    .substring(0, Math.min(40, String.valueOf(value).length()));
            assertArrayEquals(packedByMsgpackJava(value), codec.encode(Message.builder().content(value).build()),
                    what);
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
