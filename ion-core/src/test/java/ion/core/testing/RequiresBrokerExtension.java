package ion.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes that need a running RabbitMQ: {@code @ExtendWith(RequiresBrokerExtension.class)}.
 *
 * <p>The broker is looked for at the system properties {@value #HOST_PROPERTY} (default {@value #DEFAULT_HOST})
 * and {@value #PORT_PROPERTY} (default {@value #DEFAULT_PORT}). When nothing answers there, the class is skipped
 * with a message saying so, unless the environment variable {@code CI} is {@code true}: then the class fails,
 * because a CI run must not pass by skipping its broker tests.
 */
public final class RequiresBrokerExtension implements ExecutionCondition, BeforeAllCallback {
    /** System property naming the broker host for tests. */
    public static final String HOST_PROPERTY = "ion.test.broker.host";
    /** System property naming the broker port for tests. */
    public static final String PORT_PROPERTY = "ion.test.broker.port";
    /** The broker host when {@value #HOST_PROPERTY} is not set. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The broker port when {@value #PORT_PROPERTY} is not set. */
    public static final int DEFAULT_PORT = 5672;

    private static final int PROBE_TIMEOUT_MILLIS = 1000;
    private static final Map<String, Boolean> REACHABLE = new ConcurrentHashMap<>();

    /** The broker host tests should use. */
    public static String brokerHost() {
        return System.getProperty(HOST_PROPERTY, DEFAULT_HOST);
    }

    /**
     * The broker port tests should use.
     *
     * @throws IllegalArgumentException if {@value #PORT_PROPERTY} is not a number
     */
    public static int brokerPort() {
        String value = System.getProperty(PORT_PROPERTY, Integer.toString(DEFAULT_PORT));
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + PORT_PROPERTY + " must be a port number, was '"
                    + value + "'", e);
        }
    }

    /** True when CI runs the tests ({@code CI=true}): a missing broker is then a failure, not a skip. */
    public static boolean runningInCi() {
        return "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", ""));
    }

    /** Skips the class when the broker does not answer, except in CI. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (brokerReachable()) {
            return ConditionEvaluationResult.enabled("RabbitMQ reachable at " + endpoint());
        }
        if (runningInCi()) {
            return ConditionEvaluationResult.enabled("CI=true: RabbitMQ is required");
        }
        String message = skipMessage(context);
        if (context.getTestMethod().isEmpty()) {
            System.err.println("[SKIPPED] " + message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    /** Fails the class when the broker does not answer in CI. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (!brokerReachable()) {
            throw new IllegalStateException("RabbitMQ not reachable at " + endpoint() + ": failing "
                    + className(context) + " because CI=true (start it with 'rabbitmq-server -detached')");
        }
    }

    private static String skipMessage(ExtensionContext context) {
        return "RabbitMQ not reachable at " + endpoint() + ": skipping " + className(context)
                + " (start it with 'rabbitmq-server -detached'; with CI=true this fails)";
    }

    private static String className(ExtensionContext context) {
        return context.getTestClass().map(Class::getSimpleName).orElse(context.getDisplayName());
    }

    private static String endpoint() {
        return brokerHost() + ":" + brokerPort();
    }

    private static boolean brokerReachable() {
        return REACHABLE.computeIfAbsent(endpoint(), key -> probe(brokerHost(), brokerPort()));
    }

    private static boolean probe(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
