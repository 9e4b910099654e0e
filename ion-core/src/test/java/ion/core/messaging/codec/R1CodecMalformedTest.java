package ion.core.messaging.codec;

import static ion.core.messaging.codec.WireTestSupport.hex;
import static ion.core.messaging.codec.WireTestSupport.modernBody;
import static ion.core.messaging.codec.WireTestSupport.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.ResponseCodes;

class R1CodecMalformedTest {
    private static final byte[] GOLDEN = hex(R1CodecGoldenTest.BODY);

    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private MalformedMessageException badRequest(byte[] body) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(body));
        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        return e;
    }

    private static void assertMentions(MalformedMessageException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void emptyBodyIsMalformed() {
        assertMentions(badRequest(new byte[0]), "empty");
    }

    @Test
    void plainTextIsNotAMessage() {
        MalformedMessageException e = badRequest("hello".getBytes(StandardCharsets.US_ASCII));

        assertMentions(e, "not a msgpack map", "an integer", "68 65 6c 6c 6f");
        assertTrue(e.legibleHeaders().isEmpty());
    }

    @Test
    void jsonIsNotAMessage() {
        assertMentions(badRequest("{\"op\": \"ping\", \"content\": null}".getBytes(StandardCharsets.US_ASCII)),
                "not a msgpack map", "7b 22");
    }

    @Test
    void theReservedByteC1IsNotMsgpack() {
        assertMentions(badRequest(new byte[] {(byte) 0xc1, 0x00}), "0xc1");
    }

    @Test
    void randomBytesAreRejectedAsMalformedAndNothingElse() {
        Random random = new Random(20110128L);
        for (int i = 0; i < 500; i++) {
            byte[] body = new byte[16 + random.nextInt(200)];
            random.nextBytes(body);
            if (i % 2 == 0) {
                body[0] = (byte) (0x80 | random.nextInt(16));
            }
            badRequest(body);
        }
    }

    @Test
    void anArrayInsteadOfAMapIsMalformed() {
        byte[] body = modernBody(p -> {
            p.packArrayHeader(2);
            raw(p, "op");
            raw(p, "ping");
        });

        assertMentions(badRequest(body), "not a msgpack map", "an array");
    }

    @Test
    void everyTruncationOfTheGoldenBodyIsMalformed() {
        for (int length = 1; length < GOLDEN.length; length++) {
            assertMentions(badRequest(Arrays.copyOf(GOLDEN, length)), "truncated");
        }
    }

    @Test
    void truncatedBodyStillYieldsTheHeadersBeforeTheCut() {
        int insideTheLastValue = GOLDEN.length - 5;

        MalformedMessageException e = badRequest(Arrays.copyOf(GOLDEN, insideTheLastValue));

        assertEquals(Map.of("op", "hello_person", "conv-id", "#0", "receiver", "mysys.hello_message",
                "performative", "request", "user-id", "ANONYMOUS", "encoding", "ION R1 GPB", "protocol", "rpc",
                "sender", "2f1e-uuid.1", "expiry", "0", "reply-to", "2f1e-uuid.1"), e.legibleHeaders());
        assertMentions(e, "accept-encoding");
    }

    @Test
    void bodyCutInsideContentYieldsOnlyTheHeadersBeforeContent() {
        MalformedMessageException e = badRequest(Arrays.copyOf(GOLDEN, 150));

        assertEquals(Map.of("op", "hello_person", "conv-id", "#0", "receiver", "mysys.hello_message",
                "performative", "request", "user-id", "ANONYMOUS", "encoding", "ION R1 GPB"), e.legibleHeaders());
        assertMentions(e, "content", "truncated");
    }

    @Test
    void trailingBytesAfterTheMapAreMalformedButAllHeadersAreLegible() {
        byte[] body = Arrays.copyOf(GOLDEN, GOLDEN.length + 2);

        MalformedMessageException e = badRequest(body);

        assertMentions(e, "2 trailing bytes", "380");
        assertEquals("2f1e-uuid.1", e.legibleHeaders().get("reply-to"));
        assertEquals("application/ion-jsond", e.legibleHeaders().get("accept-encoding"));
        assertFalse(e.legibleHeaders().containsKey("content"));
        assertFalse(e.legibleHeaders().containsKey("conv-seq"));
    }

    @Test
    void anIntegerMapKeyIsMalformed() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(3);
            raw(p, "reply-to");
            raw(p, "a.1");
            p.packLong(5);
            raw(p, "five");
            raw(p, "conv-id");
            raw(p, "#3");
        });

        MalformedMessageException e = badRequest(body);

        assertMentions(e, "key of entry 1 (after 'reply-to')", "an integer", "must be strings");
        assertEquals(Map.of("reply-to", "a.1", "conv-id", "#3"), e.legibleHeaders());
    }

    @Test
    void convSeqAsStringIsMalformedAndTheReplyAddressIsStillLegible() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(4);
            raw(p, "conv-seq");
            raw(p, "1");
            raw(p, "reply-to");
            raw(p, "a.1");
            raw(p, "conv-id");
            raw(p, "#3");
            raw(p, "content");
            p.packNil();
        });

        MalformedMessageException e = badRequest(body);

        assertMentions(e, "'conv-seq'", "must be an integer", "string");
        assertEquals(Map.of("reply-to", "a.1", "conv-id", "#3"), e.legibleHeaders());
    }

    @Test
    void opAsIntegerIsMalformedAndTheReplyAddressIsStillLegible() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(3);
            raw(p, "op");
            p.packLong(17);
            raw(p, "reply-to");
            raw(p, "a.1");
            raw(p, "conv-id");
            raw(p, "#3");
        });

        MalformedMessageException e = badRequest(body);

        assertMentions(e, "'op'", "must be a string", "integer");
        assertEquals(Map.of("reply-to", "a.1", "conv-id", "#3"), e.legibleHeaders());
    }

    @Test
    void everyCheckedStringHeaderRejectsOtherTypes() {
        for (String header : new String[] {"op", "sender", "receiver", "reply-to", "conv-id", "status", "encoding"}) {
            byte[] body = modernBody(p -> {
                p.packMapHeader(1);
                raw(p, header);
                p.packArrayHeader(0);
            });
            assertMentions(badRequest(body), "'" + header + "'", "must be a string", "list");
        }
    }

    @Test
    void aStringHeaderThatIsNotUtf8IsMalformed() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(1);
            raw(p, "op");
            raw(p, new byte[] {(byte) 0xff, (byte) 0xfe});
        });

        assertMentions(badRequest(body), "'op'", "not UTF-8");
    }

    @Test
    void aDuplicateTopLevelKeyIsMalformed() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(2);
            raw(p, "op");
            raw(p, "a");
            raw(p, "op");
            raw(p, "b");
        });

        assertMentions(badRequest(body), "duplicate key 'op'");
    }

    @Test
    void anExtensionTypeIsMalformedAndItsPathIsNamed() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(2);
            raw(p, "reply-to");
            raw(p, "a.1");
            raw(p, "content");
            p.packMapHeader(1);
            raw(p, "items");
            p.packArrayHeader(4);
            p.packLong(0).packLong(1).packLong(2);
            p.packExtensionTypeHeader((byte) 5, 2).writePayload(new byte[2]);
        });

        MalformedMessageException e = badRequest(body);

        assertMentions(e, "content.items[3]", "extension type 5");
        assertEquals(Map.of("reply-to", "a.1"), e.legibleHeaders());
    }

    @Test
    void anUnsignedIntegerBeyondLongIsMalformed() {
        byte[] body = modernBody(p -> {
            p.packMapHeader(1);
            raw(p, "content");
            p.packBigInteger(new java.math.BigInteger("18446744073709551615"));
        });

        assertMentions(badRequest(body), "content", "18446744073709551615", "64-bit");
    }

    @Test
    void nestingBombIsMalformedRatherThanAStackOverflow() {
        byte[] prefix = modernBody(p -> {
            p.packMapHeader(1);
            raw(p, "content");
        });
        byte[] body = Arrays.copyOf(prefix, prefix.length + 200_001);
        Arrays.fill(body, prefix.length, body.length - 1, (byte) 0x91);
        body[body.length - 1] = (byte) 0xc0;

        assertMentions(badRequest(body), "nested more than");
    }

    @Test
    void forgedElementCountsFailWithoutAllocating() {
        byte[] hugeArray = hex("81A7636F6E74656E74DD7FFFFFFF00");
        byte[] hugeMap = hex("81A7636F6E74656E74DF7FFFFFFF00");
        byte[] hugeRaw = hex("81A7636F6E74656E74DB7FFFFFFF00");
        byte[] hugeNestedRaw = hex("81A7636F6E74656E7491DB7FFFFFF0");

        for (byte[] body : new byte[][] {hugeArray, hugeMap, hugeRaw, hugeNestedRaw}) {
            assertMentions(badRequest(body), "truncated");
        }
    }

    @Test
    void aTopLevelMapCountLargerThanTheBodyIsTruncated() {
        assertMentions(badRequest(hex("DF7FFFFFFFA26F70A178")), "truncated", "map of 2147483647 entries");
    }

    @Test
    void bodyOverTheLimitIsTooLargeAndItsSmallHeadersAreStillLegible() {
        byte[] big = new byte[16 * 1024 * 1024];
        Arrays.fill(big, (byte) 'z');
        byte[] body = modernBody(p -> {
            p.packMapHeader(6);
            raw(p, "reply-to");
            raw(p, "client.1");
            raw(p, "x-huge-header");
            raw(p, "y".repeat(100_000));
            raw(p, "content");
            raw(p, big);
            raw(p, "conv-seq");
            p.packLong(4);
            raw(p, "conv-id");
            raw(p, "#42");
            raw(p, "op");
            raw(p, "store");
        });

        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(body));

        assertEquals(ResponseCodes.MESSAGE_TOO_LARGE, e.responseCode());
        assertMentions(e, String.valueOf(body.length), String.valueOf(R1Codec.DEFAULT_MAX_MESSAGE_SIZE));
        assertEquals(Map.of("reply-to", "client.1", "conv-id", "#42", "op", "store"), e.legibleHeaders());
    }

    @Test
    void truncatedBodyOverTheLimitIsStillTooLarge() {
        R1Codec small = new R1Codec(100);
        byte[] body = Arrays.copyOf(GOLDEN, 200);

        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> small.decode(body));

        assertEquals(ResponseCodes.MESSAGE_TOO_LARGE, e.responseCode());
        assertEquals("#0", e.legibleHeaders().get("conv-id"));
        assertFalse(e.legibleHeaders().containsKey("reply-to"));
    }

    @Test
    void bodyOfExactlyTheLimitDecodesAndOneByteMoreDoesNot() {
        R1Codec exact = new R1Codec(GOLDEN.length);
        R1Codec oneShort = new R1Codec(GOLDEN.length - 1);

        assertEquals("hello_person", exact.decode(GOLDEN).op().orElseThrow());
        assertEquals(ResponseCodes.MESSAGE_TOO_LARGE,
                assertThrows(MalformedMessageException.class, () -> oneShort.decode(GOLDEN)).responseCode());
    }
}
