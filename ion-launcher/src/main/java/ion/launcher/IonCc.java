package ion.launcher;

import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/ion-cc}: starts a capability container, spawns the requested processes, optionally makes one RPC
 * through the container ({@code --call}), and runs until SIGTERM, Ctrl-C or (with the console attached) Ctrl-D,
 * or stops right after the call ({@code --exit-after-call}).
 */
public final class IonCc {
    static final String USAGE = """
            Usage: ion-cc [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE[,KEY=VALUE]...] [-n] [--spawn NAME]...
                          [--call SERVICE OP CONTENT [--exit-after-call]] [--config FILE] [--verbose]

            Starts an ioncore capability container and prints its container id and system name.
            Without -h it uses the in-JVM broker (nothing to install); with -h it joins a RabbitMQ broker,
            where containers with the same sysname share their services.

            Options:
              -h, --host HOST       RabbitMQ host (sets messaging.transport=amqp)
              -p, --port PORT       RabbitMQ port (default 5672)
              -v, --vhost VHOST     RabbitMQ virtual host (default /)
              -a, --args K=V,...    configuration settings, e.g. -a sysname=demo,process.rpc-timeout=5s
                                    (every key is listed in res/config/ion.yaml; sysname and contid are short
                                    forms of container.sysname and container.id)
              -s, --spawn NAME      spawn a registered process type; may be repeated
              -n, --no-shell        run without reading the console; stop with SIGTERM or Ctrl-C
                  --call SERVICE OP CONTENT
                                    after spawning, send one RPC through the container to SERVICE of this
                                    container's system (a name with a dot is used as the exact receiver
                                    name) and print the reply content
                  --exit-after-call stop the container right after the call; exit status 0 for an OK reply,
                                    1 for an ERROR reply, 2 for a timeout or a failed send
                  --config FILE     local configuration file (default: res/config/ionlocal.yaml if present)
                  --verbose         log what the container does (INFO)
                  --help            show this help

            Without -n the container reads the console until Ctrl-D, then stops cleanly.

            Process types: %s

            Examples:
              bin/ion-cc --spawn hello                         in-JVM container with the hello service
              bin/ion-cc --spawn hello --call hello hello World --exit-after-call
                                                               start, call hello once, print the reply, stop
              bin/ion-cc -h localhost -a sysname=demo -n --spawn hello
              bin/ion-call -h localhost -a sysname=demo hello hello World
            """;

    private IonCc() {
    }

    static final int CALL_OK = 0;
    static final int CALL_ERROR_REPLY = 1;
    static final int CALL_FAILED = 2;

    /** Parsed command line. */
    record Options(LauncherConfig.BrokerOptions broker, List<String> args, List<String> spawn, boolean noShell,
            Optional<Path> configFile, boolean verbose, boolean help, Optional<Call> call, boolean exitAfterCall) {
    }

    /** The RPC that {@code --call} makes once the processes are spawned. */
    record Call(String service, String op, String content) {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(argv);
        } catch (UsageException e) {
            err.println("ion-cc: " + e.getMessage());
            err.println("Run 'ion-cc --help' for the options.");
            return 2;
        }
        if (options.help()) {
            out.print(USAGE.formatted(String.join(", ", ProcessTypes.discover().names())));
            return 0;
        }
        Path home = LauncherConfig.home();
        Container container;
        try {
            LogLevels.apply(home, options.verbose());
            Config config = LauncherConfig.build(home, options.configFile(), options.args(), options.broker());
            container = Container.start(ContainerOptions.fromConfig(config));
        } catch (ConfigException | UsageException e) {
            err.println("ion-cc: " + e.getMessage());
            return 2;
        } catch (MessagingException e) {
            err.println("ion-cc: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            container.close();
            stopped.countDown();
        }, "ion-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("container-id: " + container.id());
        out.println("sysname: " + container.sysname());
        out.println("transport: " + container.transport().description());
        try {
            for (String type : options.spawn()) {
                ProcessId id = container.processes().spawn(type, SpawnOptions.defaults());
                out.println("spawned " + type + " as " + id);
            }
        } catch (RuntimeException e) {
            err.println("ion-cc: cannot spawn: " + e.getMessage());
            container.close();
            return 1;
        }
        if (options.call().isPresent()) {
            int status = call(container, options.call().get(), out, err);
            if (options.exitAfterCall()) {
                container.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already stopping; the hook finds the container closed.
                }
                out.flush();
                return status;
            }
        }
        out.println(options.noShell() ? "running; stop with SIGTERM or Ctrl-C"
                : "running; press Ctrl-D to stop (the interactive shell comes with a later release)");
        out.flush();

        if (!options.noShell()) {
            waitForEndOfInput();
            out.println("stopping");
            container.close();
            return 0;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Makes the {@code --call} RPC through a client process of the container and prints the reply content.
     *
     * @return {@link #CALL_OK}, {@link #CALL_ERROR_REPLY} or {@link #CALL_FAILED}
     */
    static int call(Container container, Call call, PrintStream out, PrintStream err) {
        String target = call.service().contains(".") ? call.service() : container.sysname() + "." + call.service();
        try {
            Process caller = container.newClient("ion-cc");
            Message reply = caller.rpc(target, call.op(), call.content());
            out.println(IonCall.render(reply.content().orElse("")));
            out.flush();
            return CALL_OK;
        } catch (ReceivedError e) {
            err.println("ion-cc: ERROR reply from " + e.reply().sender() + ": " + e.responseCode()
                    + (e.exceptionText().isEmpty() ? "" : ": " + e.exceptionText()));
            return CALL_ERROR_REPLY;
        } catch (MessagingException e) {
            err.println("ion-cc: call to " + target + " failed: " + e.getMessage());
            return CALL_FAILED;
        }
    }

    /** Reads and discards the console until Ctrl-D; a console that goes away counts as Ctrl-D. */
    private static void waitForEndOfInput() {
        try {
            System.in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            err(e);
        }
    }

    private static void err(IOException e) {
        System.err.println("ion-cc: console closed: " + e.getMessage());
    }

    static Options parse(String[] argv) {
        ArgumentReader r = new ArgumentReader(argv);
        Optional<String> host = Optional.empty();
        Optional<Integer> port = Optional.empty();
        Optional<String> vhost = Optional.empty();
        List<String> args = new ArrayList<>();
        List<String> spawn = new ArrayList<>();
        boolean noShell = false;
        boolean verbose = false;
        Optional<Path> configFile = Optional.empty();
        Optional<Call> call = Optional.empty();
        boolean exitAfterCall = false;
        while (r.hasNext()) {
            String a = r.next();
            switch (a) {
                case "-h", "--host" -> host = Optional.of(r.value(a));
                case "-p", "--port" -> port = Optional.of(ArgumentReader.port(a, r.value(a)));
                case "-v", "--vhost" -> vhost = Optional.of(r.value(a));
                case "-a", "--args" -> args.add(r.value(a));
                case "-s", "--spawn" -> spawn.add(r.value(a));
                case "-n", "--no-shell" -> noShell = true;
                case "--config" -> configFile = Optional.of(Path.of(r.value(a)));
                case "--verbose" -> verbose = true;
                case "--call" -> call = Optional.of(new Call(callValue(r, a), callValue(r, a), callValue(r, a)));
                case "--exit-after-call" -> exitAfterCall = true;
                case "--help" -> {
                    return new Options(LauncherConfig.BrokerOptions.none(), List.of(), List.of(), true,
                            Optional.empty(), false, true, Optional.empty(), false);
                }
                default -> throw new UsageException(a.startsWith("-") ? "unknown option " + a
                        : "unexpected argument '" + a + "': starting applications from .app/.rel files comes"
                                + " with application support; spawn processes with --spawn NAME");
            }
        }
        if (exitAfterCall && call.isEmpty()) {
            throw new UsageException("--exit-after-call needs --call SERVICE OP CONTENT");
        }
        return new Options(new LauncherConfig.BrokerOptions(host, port, vhost), args, spawn, noShell, configFile,
                verbose, false, call, exitAfterCall);
    }

    private static String callValue(ArgumentReader r, String option) {
        try {
            return r.value(option);
        } catch (UsageException e) {
            throw new UsageException("option " + option + " needs three values: SERVICE OP CONTENT");
        }
    }
}
