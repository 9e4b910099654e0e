package ion.services.hello;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.intercept.Interceptors;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Status;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.codec.R1Codec;
import ion.core.testing.RequiresBrokerExtension;
import ion.object.Element;
import ion.object.Keys;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeId;
import ion.object.Unpacked;
import ion.object.proto.IonMsg;
import ion.object.proto.Person;
import ion.object.proto.Structure;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 2011 R1 client's {@code hello_person} request, the recorded body published as is by a raw AMQP client to a
 * container on RabbitMQ: the answer is one that client decodes (R1 reply headers, an IonMsg head linking to a
 * Person), and malformed Structures get a Bad Request reply while the service keeps serving.
 */
@ExtendWith(RequiresBrokerExtension.class)
class HelloMessageAmqpIT {
    /** The recorded request body: sysname mysys, conv-id #0, reply-to 2f1e-uuid.1, David as the payload. */
    private static final byte[] BODY = HexFormat.of().parseHex(
            "8DA26F70AC68656C6C6F5F706572736F6EA7636F6E762D6964A22330A87265636569766572B36D797379732E68656C6C6F5F6D"
            + "657373616765AC706572666F726D6174697665A772657175657374A7757365722D6964A9414E4F4E594D4F5553A8656E63"
            + "6F64696E67AA494F4E20523120475042A7636F6E74656E74DA008F0A520A1476A674AB821AB33B91CFE9E681C49130D13F"
            + "B34C1204080B1001180022320A0568656C6C6F12076964656E742D3122200A1417D58E371069567883E4E088589E38A3EC"
            + "125256120608A19C011001180112390A1417D58E371069567883E4E088589E38A3EC125256120608A19C01100118012217"
            + "0A05446176696410051A0364407822070A033132331002A870726F746F636F6CA3727063A8636F6E762D73657101A67365"
            + "6E646572AB326631652D757569642E31A6657870697279A130A87265706C792D746FAB326631652D757569642E31AF6163"
            + "636570742D656E636F64696E67B56170706C69636174696F6E2F696F6E2D6A736F6E64");
    private static final String REPLY_TO = "2f1e-uuid.1";
    private static final String PERSON_KEY = "17D58E371069567883E4E088589E38A3EC125256";
    /** The headers a 2011 R1 client reads from a reply. */
    private static final List<String> R1_REPLY_HEADERS = List.of("accept-encoding", "conv-id", "conv-seq",
            "encoding", "exception", "format", "language", "ontology", "op", "protocol", "receiver", "reply-to",
            "response", "sender", "sender-name", "status", "ts");

    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);
    private final StructureCodec structures = StructureCodec.standard();
    private final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    private final String exchange = "it-" + UUID.randomUUID();
    private Container container;
    private Connection raw;
    private Channel channel;

    @BeforeEach
    void start() throws Exception {
        AmqpSettings settings = AmqpSettings.defaults().withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        container = Container.start(ContainerOptions.defaults()
                .withSysname("mysys")
                .withExchange(exchange)
                .withInterceptors(Interceptors.chain(List.of("envelope", "gpb", "metrics")))
                .withTransport(max -> AmqpTransport.connect(settings.withMaxMessageSize(max))));
        container.spawn(HelloMessageService.NAME);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RequiresBrokerExtension.brokerHost());
        f.setPort(RequiresBrokerExtension.brokerPort());
        raw = f.newConnection("hello-message-it");
        channel = raw.createChannel();
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, REPLY_TO);
        channel.basicConsume(queue, true, (tag, delivery) -> replies.add(codec.decode(delivery.getBody())),
                tag -> { });
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
        container.close();
    }

    private Message call(byte[] body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/msgpack")
                .contentEncoding("binary").build();
        channel.basicPublish(exchange, "mysys.hello_message", props, body);
        Message reply = replies.poll(15, TimeUnit.SECONDS);
        assertNotNull(reply, "a reply arrived");
        return reply;
    }

    /** The recorded request with other content. */
    private byte[] withContent(byte[] content) {
        return codec.encode(codec.decode(BODY).toBuilder().content(content).build());
    }

    private byte[] goldenStructure() {
        return codec.decode(BODY).contentAs(byte[].class);
    }

    private void assertGreetsDavid(Message reply) {
        assertEquals(Status.OK, reply.status(), reply::toString);
        assertEquals(ResponseCodes.SUCCESS, reply.response());
        Unpacked answer = structures.unpack(reply.contentAs(byte[].class));
        assertEquals(TypeId.of(11), answer.head().orElseThrow().type());
        IonMsg head = answer.headObject(IonMsg.class);
        assertEquals(TypeId.of(20001), TypeId.of(head.getMessageObject().getType()));
        Person person = answer.resolve(head.getMessageObject(), Person.class);
        assertEquals("Hello David", person.getName());
        assertEquals("123", person.getPhone(0).getNumber());
    }

    @Test
    void theRecordedRequestGetsAnAnswerA2011ClientDecodes() throws Exception {
        Message reply = call(BODY);

        for (String header : R1_REPLY_HEADERS) {
            assertTrue(reply.headers().containsKey(header), () -> "reply header " + header + " in " + reply);
        }
        assertEquals("#0", reply.convId());
        assertEquals(2L, reply.convSeq());
        assertEquals(Message.GPB_ENCODING, reply.encoding());
        assertEquals("result", reply.op().orElseThrow());
        assertEquals(REPLY_TO, reply.receiver());
        assertEquals(HelloMessageService.NAME, reply.stringHeader("sender-name").orElseThrow());
        assertTrue(reply.content().orElseThrow() instanceof byte[], "GPB content stays binary");
        assertGreetsDavid(reply);
    }

    private void assertBadRequest(byte[] content, String... named) throws Exception {
        Message reply = call(withContent(content));
        assertEquals(Status.ERROR, reply.status(), reply::toString);
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response());
        assertEquals("#0", reply.convId());
        for (String word : named) {
            assertTrue(reply.exception().contains(word), () -> "'" + word + "' in " + reply.exception());
        }
    }

    @Test
    void malformedStructuresGetABadRequestReplyAndTheServiceKeepsServing() throws Exception {
        byte[] golden = goldenStructure();
        String hex = HexFormat.of().withUpperCase().formatHex(golden);
        String personValue = "0A05446176696410051A0364407822070A033132331002";
        int at = hex.lastIndexOf(personValue) + 4;
        byte[] flipped = HexFormat.of().parseHex(hex.substring(0, at) + "45" + hex.substring(at + 2));
        assertBadRequest(flipped, "key", PERSON_KEY);

        byte[] headOnly = Structure.parseFrom(golden).toBuilder().clearItems().build().toByteArray();
        assertBadRequest(headOnly, PERSON_KEY);

        ByteString value = ByteString.copyFrom(HexFormat.of().parseHex(personValue));
        TypeId unknown = TypeId.of(55555);
        ObjectKey key = Keys.of(value, unknown);
        byte[] unknownType = Structure.newBuilder().setHead(new Element(key, unknown, true, value).toProto()).build()
                .toByteArray();
        assertBadRequest(unknownType, "55555");

        assertBadRequest(Arrays.copyOf(golden, golden.length - 7), "malformed GPB content");

        assertGreetsDavid(call(BODY));
        assertArrayEquals(golden, goldenStructure());
    }
}
