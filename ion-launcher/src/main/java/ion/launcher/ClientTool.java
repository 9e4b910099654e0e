package ion.launcher;

import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.ContainerOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the command-line clients of a running system ({@code ion-call}, {@code ion-store}, {@code ion-pubsub})
 * share: their exit statuses, {@code --help} detection, the connection options and the configuration of the
 * short-lived client container they talk through.
 */
final class ClientTool {
    /** Exit status: done (an OK reply). */
    static final int OK = 0;
    /** Exit status: the service answered with an ERROR reply. */
    static final int ERROR_REPLY = 1;
    /** Exit status: a timeout, an unreachable broker, a bad setting or a usage error. */
    static final int FAILED = 2;

    private ClientTool() {
    }

    /** True if {@code --help} stands among the options, that is before any {@code --}. */
    static boolean wantsHelp(String[] argv) {
        List<String> all = List.of(argv);
        int endOfOptions = all.indexOf("--");
        return (endOfOptions < 0 ? all : all.subList(0, endOfOptions)).contains("--help");
    }

    /**
     * The command line of {@code tool} read by {@code parser}; empty when {@code --help} printed the usage (the
     * tool is done). A usage error is reported on {@code err} with how to get help ({@code helpCovers} says what the
     * help lists) and ends the tool with
     * {@link #FAILED} (as {@link Exit}).
     */
    static <O> Optional<O> read(String tool, String[] argv, Function<String[], O> parser, String usage,
            String helpCovers, PrintStream out, PrintStream err) {
        if (wantsHelp(argv)) {
            out.print(usage);
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(argv));
        } catch (UsageException e) {
            err.println(tool + ": " + e.getMessage());
            err.println("Run '" + tool + " --help' for " + helpCovers + ".");
            throw new Exit(FAILED);
        }
    }

    /**
     * A client container's configuration and options built with {@link #clientConfig}; a bad setting is reported
     * on {@code err} and ends the tool with {@link #FAILED} (as {@link Exit}).
     */
    static Setup setup(String tool, LauncherConfig.BrokerOptions broker, List<String> settings,
            Optional<Duration> timeout, PrintStream err) {
        try {
            Config config = clientConfig(broker, settings, timeout);
            // A client does not join the system as a container: no agent, no announcements.
            return new Setup(config, ContainerOptions.fromConfig(config).withoutAgent());
        } catch (ConfigException | UsageException e) {
            err.println(tool + ": " + e.getMessage());
            throw new Exit(FAILED);
        }
    }

    /**
     * Ends the tool with {@link #FAILED} (as {@link Exit}), saying how to name the system, unless {@code config}
     * names one.
     */
    static void requireSystem(String tool, Config config, PrintStream err) {
        if (config.string("container.sysname").isEmpty()) {
            err.println(tool + ": which system? Give its name with -a sysname=NAME (the container printed it at"
                    + " start)");
            throw new Exit(FAILED);
        }
    }

    /** A client container's configuration and the container options built from it. */
    record Setup(Config config, ContainerOptions containerOptions) {
    }

    /** Ends a tool early with {@code status}; its message has been printed already. */
    static final class Exit extends RuntimeException {
        private final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /**
     * The configuration of a client container on RabbitMQ: defaults, the local file, the {@code -a} settings, the
     * broker options and, when given, {@code --timeout} as the RPC timeout. Logging is set to warnings.
     *
     * @throws ion.core.config.ConfigException naming the source and key of a bad setting
     */
    static Config clientConfig(LauncherConfig.BrokerOptions broker, List<String> settings,
            Optional<Duration> timeout) {
        LogLevels.apply(LauncherConfig.home(), Optional.of(ch.qos.logback.classic.Level.WARN));
        List<String> args = new ArrayList<>();
        args.add("messaging.transport=amqp");
        args.addAll(settings);
        timeout.ifPresent(t -> args.add("process.rpc-timeout=" + t.toMillis() + "ms"));
        return LauncherConfig.build(LauncherConfig.home(), Optional.empty(), args, broker);
    }

    /** The connection options as read so far: {@code -h}, {@code -p}, {@code -v}, {@code -a}, {@code --timeout}. */
    static final class Connection {
        private Optional<String> host;
        private Optional<Integer> port = Optional.empty();
        private Optional<String> vhost = Optional.empty();
        private final List<String> args = new ArrayList<>();
        private Optional<Duration> timeout = Optional.empty();

        /** Options with {@code host} until {@code -h} says otherwise. */
        Connection(Optional<String> host) {
            this.host = host;
        }

        /** Reads the value of {@code option} from {@code r} if it is a connection option; false if it is not. */
        boolean accept(String option, ArgumentReader r) {
            switch (option) {
                case "-h", "--host" -> host = Optional.of(r.value(option));
                case "-p", "--port" -> port = Optional.of(ArgumentReader.port(option, r.value(option)));
                case "-v", "--vhost" -> vhost = Optional.of(r.value(option));
                case "-a", "--args" -> args.add(r.value(option));
                case "--timeout" -> timeout = Optional.of(IonCall.seconds(r.value(option)));
                default -> {
                    return false;
                }
            }
            return true;
        }

        LauncherConfig.BrokerOptions broker() {
            return new LauncherConfig.BrokerOptions(host, port, vhost);
        }

        List<String> args() {
            return List.copyOf(args);
        }

        Optional<Duration> timeout() {
            return timeout;
        }
    }
}
