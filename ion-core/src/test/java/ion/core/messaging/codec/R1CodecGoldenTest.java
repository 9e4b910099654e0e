package ion.core.messaging.codec;

import static ion.core.messaging.codec.WireTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ion.core.messaging.Message;

/**
 * The request that unmodified ioncore-java sent to an R1 service (a public interoperability vector): a GPB
 * {@code Structure} as content, with {@code content} in the middle of the map.
 */
class R1CodecGoldenTest {
    static final String BODY = "8DA26F70AC68656C6C6F5F706572736F6EA7636F6E762D6964A22330A87265636569766572B36D79"
            + "7379732E68656C6C6F5F6D657373616765AC706572666F726D6174697665A772657175657374A7757365722D6964A9414E"
            + "4F4E594D4F5553A8656E636F64696E67AA494F4E20523120475042A7636F6E74656E74DA008F0A520A1476A674AB821AB3"
            + "3B91CFE9E681C49130D13FB34C1204080B1001180022320A0568656C6C6F12076964656E742D3122200A1417D58E37106956"
            + "7883E4E088589E38A3EC125256120608A19C011001180112390A1417D58E371069567883E4E088589E38A3EC1252561206"
            + "08A19C011001180122170A05446176696410051A0364407822070A033132331002A870726F746F636F6CA3727063A8636F"
            + "6E762D73657101A673656E646572AB326631652D757569642E31A6657870697279A130A87265706C792D746FAB32663165"
            + "2D757569642E31AF6163636570742D656E636F64696E67B56170706C69636174696F6E2F696F6E2D6A736F6E64";

    static final String STRUCTURE = "0A520A1476A674AB821AB33B91CFE9E681C49130D13FB34C1204080B1001180022320A0568"
            + "656C6C6F12076964656E742D3122200A1417D58E371069567883E4E088589E38A3EC125256120608A19C01100118011239"
            + "0A1417D58E371069567883E4E088589E38A3EC125256120608A19C011001180122170A05446176696410051A036440782207"
            + "0A033132331002";

    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    @Test
    void goldenBodyDecodesToTheRecordedHeaders() {
        Message m = codec.decode(hex(BODY));

        assertEquals(Map.ofEntries(
                Map.entry("accept-encoding", "application/ion-jsond"),
                Map.entry("conv-id", "#0"),
                Map.entry("conv-seq", 1L),
                Map.entry("encoding", "ION R1 GPB"),
                Map.entry("expiry", "0"),
                Map.entry("op", "hello_person"),
                Map.entry("performative", "request"),
                Map.entry("protocol", "rpc"),
                Map.entry("receiver", "mysys.hello_message"),
                Map.entry("reply-to", "2f1e-uuid.1"),
                Map.entry("sender", "2f1e-uuid.1"),
                Map.entry("user-id", "ANONYMOUS")), m.headers());
        assertEquals(1L, m.convSeq());
        assertEquals("hello_person", m.op().orElseThrow());
        assertEquals("2f1e-uuid.1", m.replyTo().orElseThrow());
    }

    @Test
    void goldenHeadersKeepTheirWireOrder() {
        Message m = codec.decode(hex(BODY));

        assertEquals(List.of("op", "conv-id", "receiver", "performative", "user-id", "encoding", "protocol",
                "conv-seq", "sender", "expiry", "reply-to", "accept-encoding"), List.copyOf(m.headers().keySet()));
    }

    @Test
    void goldenContentIsTheStructureBytesBecauseEncodingIsGpb() {
        Message m = codec.decode(hex(BODY));

        byte[] content = assertInstanceOf(byte[].class, m.content().orElseThrow());
        assertEquals(0x8F, content.length);
        assertArrayEquals(hex(STRUCTURE), content);
    }

    @Test
    void goldenBodyReEncodesByteForByte() {
        byte[] body = hex(BODY);

        assertEquals(380, body.length);
        assertArrayEquals(body, codec.encode(codec.decode(body)));
    }

    @Test
    void rebuiltGoldenMessageWritesContentLast() {
        Message rebuilt = codec.decode(hex(BODY)).toBuilder().build();

        byte[] body = codec.encode(rebuilt);

        byte[] lastEntry = hex("A7636F6E74656E74DA008F" + STRUCTURE);
        assertEquals(380, body.length);
        assertArrayEquals(lastEntry, Arrays.copyOfRange(body, body.length - lastEntry.length, body.length));
        assertEquals(-1, codec.decode(body).contentWireIndex());
    }
}
