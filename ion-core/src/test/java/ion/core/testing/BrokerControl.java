package ion.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops and starts the RabbitMQ application of the local test broker with {@code rabbitmqctl}, for recovery
 * tests. Every other client of that broker sees the outage.
 */
public final class BrokerControl {
    private final Path rabbitmqctl;

    private BrokerControl(Path rabbitmqctl) {
        this.rabbitmqctl = rabbitmqctl;
    }

    /**
     * The control of the test broker. Skips the calling test when the broker is not local or
     * {@code rabbitmqctl} is missing, unless {@code CI=true}, where it fails instead.
     */
    public static BrokerControl require() {
        Optional<Path> ctl = find();
        boolean usable = ctl.isPresent() && isLoopback(RequiresBrokerExtension.brokerHost());
        String why = "needs a broker on this machine and rabbitmqctl on the PATH to stop and start it";
        if (!usable && RequiresBrokerExtension.runningInCi()) {
            throw new IllegalStateException(why + " (CI=true, so this is a failure, not a skip)");
        }
        assumeTrue(usable, why);
        return new BrokerControl(ctl.orElseThrow());
    }

    /** {@code rabbitmqctl stop_app}: the broker drops every connection and refuses new ones. */
    public void stopApp() throws IOException, InterruptedException {
        run("stop_app");
    }

    /** {@code rabbitmqctl start_app}: the broker accepts connections again. */
    public void startApp() throws IOException, InterruptedException {
        run("start_app");
    }

    private static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "rabbitmqctl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(rabbitmqctl.toString(), command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("rabbitmqctl " + command + " did not finish within 60s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed (" + process.exitValue() + "): "
                    + output);
        }
    }
}
