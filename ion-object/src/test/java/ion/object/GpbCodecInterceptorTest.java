package ion.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import ion.core.config.Config;
import ion.core.container.ContainerOptions;
import ion.core.intercept.Direction;
import ion.core.intercept.EnvelopeInterceptor;
import ion.core.intercept.InterceptContext;
import ion.core.intercept.InterceptorChain;
import ion.core.intercept.MetricsInterceptor;
import ion.core.intercept.Verdict;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.object.messaging.GpbCodecInterceptor;
import ion.object.messaging.ObjectMessage;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import ion.object.proto.Structure;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpbCodecInterceptorTest {
    private static final InterceptContext IN = new InterceptContext("c", "p", Direction.INBOUND);
    private static final InterceptContext OUT = new InterceptContext("c", "p", Direction.OUTBOUND);

    private final GpbCodecInterceptor gpb = new GpbCodecInterceptor();

    private static Message request(Object content, String encoding) {
        return Message.builder().op("hello_person").header(HeaderNames.ENCODING, encoding).content(content).build();
    }

    private Message proceeded(Verdict verdict) {
        return assertInstanceOf(Verdict.Proceed.class, verdict, () -> verdict.toString()).message();
    }

    private String rejected(byte[] content) {
        Verdict.Drop drop = assertInstanceOf(Verdict.Drop.class, gpb.inbound(request(content, "ION R1 GPB"), IN));
        assertEquals("gpb", drop.interceptor());
        assertEquals(java.util.Optional.of(ResponseCodes.BAD_REQUEST), drop.responseCode());
        return drop.reason();
    }

    @Test
    void theGoldenStructureBecomesATypedMessageWhoseBytesAreKept() {
        byte[] golden = Golden.bytes(Golden.STRUCTURE);

        Message in = proceeded(gpb.inbound(request(golden, "ion r1 gpb"), IN));

        ObjectMessage objects = in.contentAs(ObjectMessage.class);
        assertEquals(TypeId.of(11), objects.head().type());
        assertEquals("hello", objects.headAs(IonMsg.class).getName());
        assertEquals(Golden.person(), objects.payloadAs(Person.class));
        assertEquals(java.util.Optional.of(TypeId.of(20001)), objects.payloadType());
        assertTrue(objects.isReceived());
        Message out = proceeded(gpb.outbound(in, OUT));
        assertArrayEquals(golden, out.contentAs(byte[].class));
        assertEquals(Message.GPB_ENCODING, out.encoding());
    }

    @Test
    void aProtobufContentIsSentAsAnIonMsgLinkingToItAndReadBack() {
        Message out = proceeded(gpb.outbound(Message.builder().op("hello_person")
                .header(HeaderNames.ENCODING, "json").content(Golden.person()).build(), OUT));

        assertEquals(Message.GPB_ENCODING, out.encoding());
        byte[] bytes = out.contentAs(byte[].class);
        Unpacked unpacked = StructureCodec.standard().unpack(bytes);
        IonMsg head = unpacked.headObject(IonMsg.class);
        assertEquals(TypeId.of(20001), TypeId.of(head.getType()));
        assertEquals(Golden.PERSON_KEY, new ObjectKey(head.getMessageObject().getKey()).toString());
        assertEquals(Golden.person(), unpacked.resolve(head.getMessageObject(), Person.class));
        ObjectMessage back = proceeded(gpb.inbound(out, IN)).contentAs(ObjectMessage.class);
        assertEquals(Golden.person(), back.payload());
    }

    @Test
    void otherContentPassesUntouched() {
        Message plain = request("text", "json");
        assertSame(plain, proceeded(gpb.inbound(plain, IN)));
        assertSame(plain, proceeded(gpb.outbound(plain, OUT)));
    }

    @Test
    void aFlippedByteInAValueIsABadKey() {
        String hex = Golden.STRUCTURE;
        int at = hex.lastIndexOf(Golden.PERSON_VALUE) + 4;
        String reason = rejected(Golden.bytes(hex.substring(0, at) + "45" + hex.substring(at + 2)));
        assertTrue(reason.contains("key"), reason);
        assertTrue(reason.contains(Golden.PERSON_KEY), reason);
    }

    @Test
    void aMissingLinkTargetIsADanglingReference() throws Exception {
        Structure structure = Structure.parseFrom(Golden.bytes(Golden.STRUCTURE)).toBuilder().clearItems().build();
        String reason = rejected(structure.toByteArray());
        assertTrue(reason.contains(Golden.PERSON_KEY), reason);
        assertTrue(reason.contains("not in the structure") || reason.contains("no element"), reason);
    }

    @Test
    void anUnknownTypeIdIsNamed() {
        ByteString value = Golden.byteString(Golden.PERSON_VALUE);
        TypeId unknown = TypeId.of(55555);
        Element element = new Element(Keys.of(value, unknown), unknown, true, value);
        byte[] bytes = Structure.newBuilder().setHead(element.toProto()).build().toByteArray();
        String reason = rejected(bytes);
        assertTrue(reason.contains("55555"), reason);
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] golden = Golden.bytes(Golden.STRUCTURE);
        String reason = rejected(Arrays.copyOf(golden, golden.length - 7));
        assertTrue(reason.contains("malformed GPB content (" + (golden.length - 7) + " bytes)"), reason);
    }

    @Test
    void aStructureWithoutHeadAndTextContentAreRefused() {
        byte[] list = StructureCodec.standard().packList(List.of(Element.of(Golden.person(),
                TypeRegistry.standard()))).toByteArray();
        assertTrue(rejected(list).contains("no head"));
        Verdict text = gpb.inbound(request("not bytes", Message.GPB_ENCODING), IN);
        assertTrue(assertInstanceOf(Verdict.Drop.class, text).reason().contains("binary"));
    }

    @Test
    void anUnregisteredProtobufIsNotSent() {
        Verdict unknown = gpb.outbound(request(com.google.protobuf.Empty.getDefaultInstance(), "json"), OUT);
        assertTrue(assertInstanceOf(Verdict.Drop.class, unknown).reason().contains("google.protobuf.Empty"));
    }

    @Test
    void theDefaultConfigurationChainsEnvelopeGpbAndMetrics() {
        InterceptorChain chain = ContainerOptions.fromConfig(Config.defaults()).interceptors().get();
        List<String> names = chain.interceptors().stream().map(i -> i.name()).toList();
        assertEquals(List.of(EnvelopeInterceptor.NAME, GpbCodecInterceptor.NAME, MetricsInterceptor.NAME), names);
    }
}
