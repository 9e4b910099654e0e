package ion.core.messaging.codec;

import static ion.core.messaging.codec.WireTestSupport.comparable;
import static ion.core.messaging.codec.WireTestSupport.formatBytes;
import static ion.core.messaging.codec.WireTestSupport.modernBody;
import static ion.core.messaging.codec.WireTestSupport.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ion.core.messaging.Message;

class R1CodecRoundTripTest {
    /** Bytes that are not UTF-8: a lone continuation byte, an invalid lead byte, a truncated sequence. */
    private static final byte[] NOT_UTF8 = {(byte) 0x80, 0x41, (byte) 0xff, 0x00, (byte) 0xe2, (byte) 0x82};

    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private Message roundTrip(Message m) {
        return codec.decode(codec.encode(m));
    }

    private Object contentRoundTrip(Object content) {
        return roundTrip(Message.builder().content(content).build()).content().orElse(null);
    }

    /** The format byte of the content value of a message that has no headers. */
    private int contentFormat(Object content) {
        byte[] body = codec.encode(Message.builder().content(content).build());
        List<Integer> formats = formatBytes(body);
        assertEquals(0x81, formats.get(0));
        assertEquals(0xa7, formats.get(1));
        return formats.get(2);
    }

    @Test
    void everyValueTypeRoundTripsNestedWithIntegralsAsLongAndFloatsAsDouble() {
        Map<Object, Object> inner = new LinkedHashMap<>();
        inner.put("text", "héllo wörld ☃ 日本 \uD83D\uDE00");
        inner.put("bytes", NOT_UTF8);
        inner.put(7L, List.of(true, false));
        inner.put(true, "boolean key");
        inner.put("nil", null);
        List<Object> items = new ArrayList<>(List.of(1, (short) -2, (byte) 3, 4L, 1.5f, 2.25d, "", new byte[0]));
        items.add(null);
        items.add(List.of(List.of(Map.of("deep", List.of(42)))));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("inner", inner);
        content.put("items", items);

        Message decoded = roundTrip(Message.builder().header("x-list", List.of(1, "two", NOT_UTF8))
                .header("x-map", Map.of("k", 9)).content(content).build());

        Map<Object, Object> expectedInner = new LinkedHashMap<>(inner);
        // An empty raw is valid (empty) UTF-8, so an empty byte[] comes back as "".
        List<Object> expectedItems = new ArrayList<>(List.of(1L, -2L, 3L, 4L, 1.5d, 2.25d, "", ""));
        expectedItems.add(null);
        expectedItems.add(List.of(List.of(Map.of("deep", List.of(42L)))));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("inner", expectedInner);
        expected.put("items", expectedItems);
        assertEquals(comparable(expected), comparable(decoded.content().orElseThrow()));
        assertEquals(comparable(List.of(1L, "two", NOT_UTF8)), comparable(decoded.header("x-list").orElseThrow()));
        assertEquals(Map.of("k", 9L), decoded.header("x-map").orElseThrow());
    }

    @Test
    void decodedContainersAreArrayListAndLinkedHashMapInWireOrder() {
        Map<String, Object> content = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta", "omega")) {
            content.put(k, List.of(k));
        }

        Map<?, ?> decoded = assertInstanceOf(LinkedHashMap.class, contentRoundTrip(content));

        assertEquals(List.of("zeta", "alpha", "mu", "beta", "omega"), List.copyOf(decoded.keySet()));
        assertInstanceOf(ArrayList.class, decoded.get("zeta"));
    }

    @ParameterizedTest(name = "{0} -> format 0x{1}, {2} bytes")
    @CsvSource({
            "0, 00, 1", "127, 7f, 1", "-1, ff, 1", "-32, e0, 1",
            "128, cc, 2", "255, cc, 2", "256, cd, 3", "65535, cd, 3", "65536, ce, 5", "4294967295, ce, 5",
            "4294967296, cf, 9", "9223372036854775807, cf, 9",
            "-33, d0, 2", "-128, d0, 2", "-129, d1, 3", "-32768, d1, 3", "-32769, d2, 5",
            "-2147483648, d2, 5", "-2147483649, d3, 9", "-9223372036854775808, d3, 9"})
    void integersUseTheirSmallestEncodingAndDecodeAsLong(long value, String format, int bytes) {
        byte[] body = codec.encode(Message.builder().content(value).build());

        assertEquals(Integer.parseInt(format, 16), contentFormat(value));
        assertEquals(9 + bytes, body.length);
        assertEquals(value, codec.decode(body).content().orElseThrow());
    }

    @Test
    void smallerIntegralTypesEncodeLikeTheSameLong() {
        assertEquals(0xcc, contentFormat(200));
        assertEquals(0xd1, contentFormat((short) -300));
        assertEquals(0xd0, contentFormat((byte) -100));
        assertEquals(-100L, contentRoundTrip((byte) -100));
    }

    @Test
    void floatIsFloat32AndDoubleIsFloat64BothDecodingAsDouble() {
        assertEquals(0xca, contentFormat(0.1f));
        assertEquals(0xcb, contentFormat(0.1d));
        assertEquals((double) 0.1f, contentRoundTrip(0.1f));
        assertEquals(0.1d, contentRoundTrip(0.1d));
        assertEquals(Double.NaN, contentRoundTrip(Double.NaN));
    }

    @Test
    void booleansAndNilRoundTrip() {
        assertEquals(0xc3, contentFormat(true));
        assertEquals(0xc2, contentFormat(false));
        assertEquals(0xc0, contentFormat(null));
        assertEquals(true, contentRoundTrip(true));
        assertNull(contentRoundTrip(null));
    }

    @ParameterizedTest(name = "{0} bytes -> 0x{1}")
    @CsvSource({"0, a0", "31, bf", "32, da", "40, da", "255, da", "256, da", "65535, da", "65536, db",
            "70000, db"})
    void stringsUseFixrawRaw16AndRaw32NeverStr8(int length, String format) {
        String s = "x".repeat(length);

        assertEquals(Integer.parseInt(format, 16), contentFormat(s));
        assertEquals(s, contentRoundTrip(s));
    }

    @ParameterizedTest(name = "{0} bytes -> 0x{1}")
    @CsvSource({"5, a5", "40, da", "300, da", "70000, db"})
    void byteArraysAreWrittenAsRawNeverBin(int length, String format) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xc4);

        assertEquals(Integer.parseInt(format, 16), contentFormat(bytes));
        assertArrayEquals(bytes, assertInstanceOf(byte[].class, contentRoundTrip(bytes)));
    }

    @Test
    void multiByteUtf8LengthsChooseTheRawSizeByBytesNotChars() {
        String s = "é".repeat(20);

        assertEquals(0xda, contentFormat(s));
        assertEquals(s, contentRoundTrip(s));
    }

    @Test
    void byteArrayThatIsNotUtf8RoundTripsAsByteArray() {
        Object decoded = contentRoundTrip(NOT_UTF8);

        assertArrayEquals(NOT_UTF8, assertInstanceOf(byte[].class, decoded));
    }

    @Test
    void rawsWithOverlongOrSurrogateUtf8StayBytes() {
        byte[] overlongSlash = {(byte) 0xc0, (byte) 0xaf};
        byte[] encodedSurrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};

        assertInstanceOf(byte[].class, contentRoundTrip(overlongSlash));
        assertInstanceOf(byte[].class, contentRoundTrip(encodedSurrogate));
    }

    @Test
    void aNonAsciiByteAtAnyPositionOfARawDecidesBetweenTextAndBytes() {
        for (int length = 1; length <= 20; length++) {
            for (int at = 0; at < length; at++) {
                byte[] bytes = "a".repeat(length).getBytes(StandardCharsets.US_ASCII);
                bytes[at] = (byte) 0xff;
                assertArrayEquals(bytes, assertInstanceOf(byte[].class, contentRoundTrip(bytes)),
                        "0xff at " + at + " of " + length);

                String text = "a".repeat(at) + "é" + "a".repeat(length - at - 1);
                assertEquals(text, contentRoundTrip(text.getBytes(StandardCharsets.UTF_8)),
                        "é at " + at + " of " + length);
            }
        }
    }

    @Test
    void headerNamesAndValuesEveryMessageCarriesDecodeAsTheirTextAndNearMissesStayDistinct() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("language", "ion1".getBytes(StandardCharsets.US_ASCII));
        headers.put("encoding", "jsoN");
        headers.put("user-id", "ANONYMOUS".getBytes(StandardCharsets.US_ASCII));
        headers.put("expiry", "0");
        headers.put("format", "");
        headers.put("statuS", "OK");

        Message m = roundTrip(Message.of(headers, "content"));

        assertEquals(List.of("language", "encoding", "user-id", "expiry", "format", "statuS"),
                List.copyOf(m.headers().keySet()));
        assertEquals("ion1", m.headers().get("language"));
        assertEquals("jsoN", m.headers().get("encoding"));
        assertEquals("ANONYMOUS", m.headers().get("user-id"));
        assertEquals("0", m.headers().get("expiry"));
        assertEquals("", m.headers().get("format"));
        assertEquals("OK", m.headers().get("statuS"));
        assertEquals("content", m.content().orElseThrow());
    }

    @Test
    void byteArrayThatIsValidUtf8DecodesAsTextWhichContentAsReturnsAsBytes() {
        byte[] text = "plain".getBytes(StandardCharsets.UTF_8);

        Message m = roundTrip(Message.builder().content(text).build());

        assertEquals("plain", m.content().orElseThrow());
        assertArrayEquals(text, m.contentAs(byte[].class));
    }

    @Test
    void encoderNeverWritesStr8OrBinFormats() {
        Map<String, Object> content = new LinkedHashMap<>();
        for (int length : new int[] {0, 31, 32, 100, 255, 256, 1000, 65535, 65536}) {
            byte[] bytes = new byte[length];
            Arrays.fill(bytes, (byte) 0xd9);
            content.put("bytes-" + length, bytes);
            content.put("text-" + length, "\u00c4".repeat(length / 2) + "y".repeat(length % 2));
            content.put("\u00d9".repeat(Math.min(length, 200)), List.of(length, (double) length, true));
        }
        Message m = Message.builder().op("x".repeat(40)).header("x-bin", new byte[200]).content(content).build();

        List<Integer> formats = formatBytes(codec.encode(m));

        assertTrue(formats.size() > 50, "walked " + formats.size() + " values");
        Set<Integer> modern = Set.of(0xd9, 0xc4, 0xc5, 0xc6);
        assertFalse(formats.stream().anyMatch(modern::contains), "found a str8 or bin format in " + formats);
    }

    @Test
    void str8AndBinFromModernPeersDecode() {
        String longOp = "o".repeat(40);
        byte[] text = "binary that is valid UTF-8".getBytes(StandardCharsets.UTF_8);
        byte[] bin16 = new byte[300];
        Arrays.fill(bin16, (byte) 7);
        byte[] body = modernBody(p -> {
            p.packMapHeader(4);
            p.packString("op").packString(longOp);
            p.packString("reply-to").packString("r".repeat(200));
            p.packString("x-blob").packBinaryHeader(bin16.length).writePayload(bin16);
            p.packString("content").packBinaryHeader(text.length).writePayload(text);
        });
        List<Integer> formats = formatBytes(body);
        assertTrue(formats.contains(0xd9) && formats.contains(0xc4) && formats.contains(0xc5), "" + formats);

        Message m = codec.decode(body);

        assertEquals(longOp, m.op().orElseThrow());
        assertEquals("r".repeat(200), m.replyTo().orElseThrow());
        assertArrayEquals(bin16, assertInstanceOf(byte[].class, m.header("x-blob").orElseThrow()));
        assertArrayEquals(text, assertInstanceOf(byte[].class, m.content().orElseThrow()));
    }

    @Test
    void gpbContentStaysBytesEvenWhenEncodingComesAfterItAndIsOtherCase() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(3);
            raw(p, "content");
            raw(p, "valid utf-8 text");
            raw(p, "op");
            raw(p, "x");
            raw(p, "encoding");
            raw(p, "ion r1 gpb");
        });

        Message m = codec.decode(body);

        assertArrayEquals("valid utf-8 text".getBytes(StandardCharsets.UTF_8),
                assertInstanceOf(byte[].class, m.content().orElseThrow()));
    }

    @Test
    void contentOfAnotherEncodingDecodesAsTextWhenItIsUtf8() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(2);
            raw(p, "content");
            raw(p, "valid utf-8 text");
            raw(p, "encoding");
            raw(p, "json");
        });

        assertEquals("valid utf-8 text", codec.decode(body).content().orElseThrow());
    }

    @Test
    void gpbEncodingOnlyAffectsTheTopLevelContentRaw() {
        Message m = roundTrip(Message.builder().header("encoding", Message.GPB_ENCODING).header("x-note", "text")
                .content(List.of("nested text")).build());

        assertEquals("text", m.header("x-note").orElseThrow());
        assertEquals(List.of("nested text"), m.content().orElseThrow());
    }

    @Test
    void receivedContentPositionSurvivesReEncoding() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(4);
            raw(p, "sender");
            raw(p, "a.1");
            raw(p, "content");
            raw(p, "payload");
            raw(p, "op");
            raw(p, "ping");
            raw(p, "conv-seq");
            p.packLong(3);
        });

        Message m = codec.decode(body);

        assertEquals(1, m.contentWireIndex());
        assertArrayEquals(body, codec.encode(m));
    }

    @Test
    void composedMessagesWriteHeadersInOrderThenContentLast() {
        Message m = Message.builder().header("receiver", "svc").op("ping").header("conv-seq", 1).content("c").build();

        byte[] body = codec.encode(m);

        byte[] expected = modernBody(p -> {
            p.packMapHeader(4);
            raw(p, "receiver");
            raw(p, "svc");
            raw(p, "op");
            raw(p, "ping");
            raw(p, "conv-seq");
            p.packLong(1);
            raw(p, "content");
            raw(p, "c");
        });
        assertArrayEquals(expected, body);
    }

    @Test
    void absentContentIsWrittenAsNilAndDecodesAsAbsent() {
        byte[] body = codec.encode(Message.builder().op("ping").build());

        assertEquals(List.of(0x82, 0xa2, 0xa4, 0xa7, 0xc0), formatBytes(body));
        assertTrue(codec.decode(body).content().isEmpty());
    }

    @Test
    void nilHeaderValuesAreTreatedAsAbsent() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(3);
            raw(p, "reply-to");
            p.packNil();
            raw(p, "op");
            raw(p, "x");
            raw(p, "content");
            p.packNil();
        });

        Message m = codec.decode(body);

        assertEquals(List.of("op"), List.copyOf(m.headers().keySet()));
        assertTrue(m.replyTo().isEmpty());
    }

    @Test
    void oneCodecServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String text = "t" + thread + "-" + i + "-\u00e9".repeat(i % 40);
                        Message m = Message.builder().op("op" + i).header("conv-seq", (long) i)
                                .content(List.of(text, (i % 3 == 0) ? NOT_UTF8 : text)).build();
                        Message back = codec.decode(codec.encode(m));
                        if (back.convSeq() != i || !comparable(m.content().orElseThrow())
                                .equals(comparable(back.content().orElseThrow()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
