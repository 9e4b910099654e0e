package ion.launcher;

import ion.core.app.AppException;
import ion.core.app.AppFiles;
import ion.core.app.AppManager;
import ion.core.config.Config;
import ion.core.config.ConfigException;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.container.agent.ContainerAgent;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/ion-cc}: starts a capability container, spawns the requested processes, optionally makes one RPC
 * through the container ({@code --call}), and runs until SIGTERM, Ctrl-C or (with the console attached) Ctrl-D,
 * or stops right after the call ({@code --exit-after-call}).
 */
public final class IonCc {
    /** Where application files are looked up, under the ioncore home. */
    static final String APP_DIRECTORY = "res/apps";
    /** The application every container starts first. */
    static final String CORE_APP = "core.app";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IonCc.class);
    static final String USAGE = """
            Usage: ion-cc [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE[,KEY=VALUE]...] [-n] [--spawn NAME]...
                          [--call SERVICE OP CONTENT [--exit-after-call]] [--config FILE] [--verbose]
                          [FILE.app | FILE.rel]...

            Starts an ioncore capability container and prints its container id and system name.
            Without -h it uses the in-JVM broker (nothing to install); with -h it joins a RabbitMQ broker,
            where containers with the same sysname share their services.

            Options:
              -h, --host HOST       RabbitMQ host (sets messaging.transport=amqp)
              -p, --port PORT       RabbitMQ port (default 5672; implies RabbitMQ on messaging.broker.host)
              -v, --vhost VHOST     RabbitMQ virtual host (default /; implies RabbitMQ)
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

            Every container first starts the core application (res/apps/core.app). Each FILE.app starts an
            application and, first, the applications it depends on (looked up in res/apps); each FILE.rel starts
            the applications of a release. A missing application, a dependency cycle or a version mismatch stops
            the start with a message naming it.

            Without -n the container reads the console until Ctrl-D, then stops cleanly.

            Exit status: 0 after a clean stop (Ctrl-D, SIGTERM, Ctrl-C), 1 if the broker is unreachable or an
            application or process cannot be started, 2 for a usage or configuration error.

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
            Optional<Path> configFile, boolean verbose, boolean help, List<Path> files, Optional<Call> call,
            boolean exitAfterCall) {
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
        AppManager apps = new AppManager(container, home.resolve(APP_DIRECTORY));
        Runnable stop = () -> {
            apps.stopAll();
            container.close();
        };
        AtomicBoolean exitingOnItsOwn = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            boolean onRequest = !exitingOnItsOwn.get();
            if (onRequest) {
                out.println("stopping");
            }
            stop.run();
            stopped.countDown();
            if (onRequest) {
                out.flush();
                err.flush();
                // A stop on request (SIGTERM, Ctrl-C) is a clean stop, not the JVM's exit status 128 + signal.
                Runtime.getRuntime().halt(0);
            }
        }, "ion-shutdown"));

        out.println("container-id: " + container.id());
        out.println("sysname: " + container.sysname());
        out.println("transport: " + container.transport().description());
        container.agent().ifPresent(a -> out.println("agent: " + container.id() + "." + ContainerAgent.AGENT_NAME));
        try {
            Path core = home.resolve(APP_DIRECTORY).resolve(CORE_APP);
            if (Files.isRegularFile(core)) {
                printStarted(out, apps, apps.startApp(core));
            } else {
                err.println("ion-cc: warning: the core application " + core + " is missing; starting without it");
            }
            for (Path file : options.files()) {
                printStarted(out, apps, file.toString().endsWith(AppFiles.REL_EXTENSION) ? apps.startRelease(file)
                        : apps.startApp(file));
            }
        } catch (AppException e) {
            err.println("ion-cc: " + e.getMessage());
            exitingOnItsOwn.set(true);
            stop.run();
            return 1;
        }
        try {
            for (String type : options.spawn()) {
                ProcessId id = container.processes().spawn(type, SpawnOptions.defaults());
                out.println("spawned " + type + " as " + id);
            }
        } catch (RuntimeException e) {
            err.println("ion-cc: cannot spawn: " + e.getMessage());
            exitingOnItsOwn.set(true);
            stop.run();
            return 1;
        }
        if (options.call().isPresent()) {
            int status = call(container, options.call().get(), out, err);
            if (options.exitAfterCall()) {
                exitingOnItsOwn.set(true);
                stop.run();
                out.flush();
                return status;
            }
        }
        out.println(options.noShell() ? "running; stop with SIGTERM or Ctrl-C"
                : "running; press Ctrl-D to stop (the interactive shell comes with a later release)");
        out.flush();

        if (!options.noShell()) {
            waitForEndOfInput();
            exitingOnItsOwn.set(true);
            out.println("stopping");
            stop.run();
            return 0;
        }
        try {
            while (!stopped.await(1, TimeUnit.MINUTES)) {
                LOG.debug("container {} running", container.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void printStarted(PrintStream out, AppManager apps, List<String> names) {
        for (String name : names) {
            apps.find(name).ifPresent(a -> out.println("started application " + name + " "
                    + a.descriptor().version()));
        }
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
        List<Path> files = new ArrayList<>();
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
                case "-n", "--no-shell" -> {
                    r.flag(a);
                    noShell = true;
                }
                case "--config" -> configFile = Optional.of(Path.of(r.value(a)));
                case "--verbose" -> {
                    r.flag(a);
                    verbose = true;
                }
                case "--call" -> call = Optional.of(new Call(callValue(r, a), callValue(r, a), callValue(r, a)));
                case "--exit-after-call" -> {
                    r.flag(a);
                    exitAfterCall = true;
                }
                case "--help" -> {
                    r.flag(a);
                    return new Options(LauncherConfig.BrokerOptions.none(), List.of(), List.of(), true,
                            Optional.empty(), false, true, List.of(), Optional.empty(), false);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (!a.endsWith(AppFiles.APP_EXTENSION) && !a.endsWith(AppFiles.REL_EXTENSION)) {
                        throw new UsageException("unexpected argument '" + a + "': FILE must be an application ("
                                + AppFiles.APP_EXTENSION + ") or a release (" + AppFiles.REL_EXTENSION + ")");
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (exitAfterCall && call.isEmpty()) {
            throw new UsageException("--exit-after-call needs --call SERVICE OP CONTENT");
        }
        return new Options(new LauncherConfig.BrokerOptions(host, port, vhost), args, spawn, noShell, configFile,
                verbose, false, files, call, exitAfterCall);
    }

    private static String callValue(ArgumentReader r, String option) {
        try {
            return r.value(option);
        } catch (UsageException e) {
            throw new UsageException("option " + option + " needs three values: SERVICE OP CONTENT");
        }
    }
}
