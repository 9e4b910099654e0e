package ion.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.Status;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.messaging.codec.R1Codec;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessState;
import ion.core.process.ProcessTypes;
import ion.core.testing.RequiresBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Bytes that are not a valid R1 message, published to a process's queue by a raw AMQP client: the process answers
 * with an ERROR reply when it can tell where to send one, logs the problem, and keeps serving.
 */
@ExtendWith(RequiresBrokerExtension.class)
class AmqpMalformedMessageIT {
    private final R1Codec codec = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);
    private final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    private Container container;
    private TestProcesses.Echo echo;
    private ProcessId echoId;
    private Process client;
    private Connection raw;
    private Channel channel;
    private String replyName;

    @BeforeEach
    void start() throws Exception {
        var settings = AmqpContainerConformanceIT.brokerSettings();
        container = Container.start(ContainerOptions.defaults()
                .withSysname("malformed-" + UUID.randomUUID().toString().substring(0, 8))
                .withTypes(ProcessTypes.empty())
                .withTransport(max -> AmqpTransport.connect(settings.withMaxMessageSize(max))));
        echo = new TestProcesses.Echo();
        echoId = container.spawn(echo);
        client = container.newClient("client");
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(RequiresBrokerExtension.brokerHost());
        f.setPort(RequiresBrokerExtension.brokerPort());
        raw = f.newConnection("malformed-it");
        channel = raw.createChannel();
        replyName = "raw-" + UUID.randomUUID() + ".1";
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, ContainerOptions.DEFAULT_EXCHANGE, replyName);
        DeliverCallback onReply = (tag, delivery) -> replies.add(codec.decode(delivery.getBody()));
        channel.basicConsume(queue, true, onReply, tag -> { });
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
        container.close();
    }

    private void publish(byte[] body) throws IOException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/msgpack")
                .contentEncoding("binary").build();
        channel.basicPublish(ContainerOptions.DEFAULT_EXCHANGE, echoId.toString(), props, body);
    }

    private void assertStillServing() {
        assertEquals("still serving", client.rpc(echoId.toString(), "echo", "still serving").contentAs(String.class));
        assertEquals(ProcessState.ACTIVE, echo.state());
    }

    private Message awaitReply() throws InterruptedException {
        Message reply = replies.poll(15, TimeUnit.SECONDS);
        assertNotNull(reply, "an ERROR reply arrived");
        return reply;
    }

    private MessageBufferPacker header(int entries) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(entries);
        p.packString("reply-to").packString(replyName);
        p.packString("conv-id").packString("raw#1");
        return p;
    }

    @Test
    void bytesThatAreNotMsgpackAreDroppedAndTheProcessKeepsServing() throws Exception {
        publish("this is not msgpack at all".getBytes(StandardCharsets.UTF_8));
        publish(new byte[] {(byte) 0xc1, 0x00, 0x13});
        publish(new byte[0]);

        assertStillServing();
        assertTrue(echo.seen.contains("still serving"));
    }

    @Test
    void anOpOfTheWrongTypeGetsABadRequestReply() throws Exception {
        MessageBufferPacker p = header(4);
        p.packString("op").packInt(7);
        p.packString("content").packString("x");
        publish(p.toByteArray());

        Message reply = awaitReply();
        assertEquals(Status.ERROR, reply.status());
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response());
        assertTrue(reply.exception().contains("op"), reply.exception());
        assertEquals("raw#1", reply.convId());
        assertStillServing();
    }

    @Test
    void aMessageWithoutOpGetsABadRequestReply() throws Exception {
        MessageBufferPacker p = header(3);
        p.packString("content").packString("x");
        publish(p.toByteArray());

        Message reply = awaitReply();
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response());
        assertTrue(reply.exception().contains("op"), reply.exception());
        assertStillServing();
    }

    @Test
    void aConvSeqThatIsNotANumberGetsABadRequestReply() throws Exception {
        MessageBufferPacker p = header(5);
        p.packString("op").packString("echo");
        p.packString("conv-seq").packString("one");
        p.packString("content").packString("x");
        publish(p.toByteArray());

        Message reply = awaitReply();
        assertEquals(ResponseCodes.BAD_REQUEST, reply.response());
        assertTrue(reply.exception().contains("conv-seq"), reply.exception());
        assertStillServing();
    }

    @Test
    void sixteenMebibytesOfContentGetAMessageTooLargeReply() throws Exception {
        MessageBufferPacker p = header(4);
        p.packString("op").packString("echo");
        p.packString("content").packBinaryHeader(16 * 1024 * 1024);
        p.writePayload(new byte[16 * 1024 * 1024]);
        publish(p.toByteArray());

        Message reply = awaitReply();
        assertEquals(Status.ERROR, reply.status());
        assertEquals(ResponseCodes.MESSAGE_TOO_LARGE, reply.response());
        assertStillServing();
        assertTrue(echo.seen.stream().noneMatch(c -> c instanceof byte[]), "the oversized content never reached a handler");
    }
}
