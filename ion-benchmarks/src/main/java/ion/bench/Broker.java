package ion.bench;

import com.rabbitmq.client.ConnectionFactory;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.ProcessSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the RabbitMQ broker is (system properties {@code ion.bench.broker.host} and {@code ion.bench.broker.port},
 * default 127.0.0.1:5672, user guest), and names unique to one benchmark run, so that runs never meet each other
 * or anything else on the broker. Queues left behind by a killed run expire after a minute.
 */
public final class Broker {
    /** Idle expiry of every shared (worker) queue the benchmarks declare, on both sides. */
    public static final Duration QUEUE_EXPIRY = Duration.ofMinutes(1);

    private Broker() {
    }

    /** The broker host. */
    public static String host() {
        return System.getProperty("ion.bench.broker.host", "127.0.0.1");
    }

    /** The broker's AMQP port. */
    public static int port() {
        return Integer.getInteger("ion.bench.broker.port", 5672);
    }

    /** True if something accepts connections at the broker's address within a second. */
    public static boolean reachable() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host(), port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A name no other run uses: {@code bench-<random hex>}. */
    public static String uniqueName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "bench-" + HexFormat.of().formatHex(random);
    }

    /** The raw client's connection factory: the client's defaults, pointed at the broker. */
    public static ConnectionFactory rawFactory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host());
        f.setPort(port());
        f.setUsername("guest");
        f.setPassword("guest");
        return f;
    }

    /**
     * Starts an ioncore container on the broker: default options except the names (container id
     * {@code <system>-<role>}, sysname and exchange derived from {@code system}) and the worker-queue expiry.
     */
    public static Container startContainer(String system, String role) {
        AmqpSettings settings = AmqpSettings.defaults().withHost(host()).withPort(port());
        ProcessSettings ps = ProcessSettings.defaults();
        ProcessSettings process = new ProcessSettings(ps.rpcTimeout(), ps.failFast(), ps.prefetch(), QUEUE_EXPIRY,
                ps.shutdownTimeout());
        return Container.start(ContainerOptions.defaults()
                .withTransport(max -> AmqpTransport.connect(settings.withMaxMessageSize(max), system + "-" + role))
                .withContainerId(system + "-" + role)
                .withSysname(system)
                .withExchange(system + ".topic")
                .withProcessSettings(process));
    }
}
