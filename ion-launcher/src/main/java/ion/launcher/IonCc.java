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
import ion.shell.ContainerShell;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * {@code bin/ion-cc}: starts a capability container, its applications and the requested processes, optionally
 * makes one RPC through the container ({@code --call}, stopping right after it with {@code --exit-after-call}),
 * runs a {@code .jsh} script if one is given, and then either opens the container shell on the console (Ctrl-D
 * stops the container) or, with {@code -n}, runs until SIGTERM or Ctrl-C.
 */
public final class IonCc {
    /** Where application files are looked up, under the ioncore home. */
    static final String APP_DIRECTORY = "res/apps";
    /** The application every container starts first. */
    static final String CORE_APP = "core.app";
    /** How a shell script's file name ends. */
    static final String SCRIPT_EXTENSION = ".jsh";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IonCc.class);
    static final String USAGE = """
            Usage: ion-cc [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE[,KEY=VALUE]...] [-n] [--spawn NAME]...
                          [--call SERVICE OP CONTENT [--exit-after-call]] [--config FILE] [--verbose]
                          [FILE.app | FILE.rel]... [SCRIPT.jsh]

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
              -n, --no-shell        run without the shell; stop with SIGTERM or Ctrl-C
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

            Without -n the container opens its shell on the console: Java statements and expressions with
            line editing and history (~/.ion_history), prompt '><> ', helpers info(), ps(), svc(), ms(),
            spawn("hello"), send(target, op, content), rpc(target, op, content), kill(pid), nodes(),
            identify(); info() explains them. Ctrl-D leaves the shell and stops the container cleanly.

            SCRIPT.jsh runs after the applications, the --spawn processes and the --call, snippet by snippet
            with the same helpers; the first error stops it (exit status 1). Then the shell opens, or with -n
            the container keeps running.

            Exit status: 0 after a clean stop (Ctrl-D, SIGTERM, Ctrl-C), 1 if the broker is unreachable, an
            application or process cannot be started or the script fails, 2 for a usage or configuration error.

            Process types: %s

            Examples:
              bin/ion-cc --spawn hello                         in-JVM container with the hello service
              bin/ion-cc --spawn hello setup.jsh               ... running setup.jsh before the shell opens
              bin/ion-cc --spawn hello --call hello hello World --exit-after-call
                                                               start, call hello once, print the reply, stop
              bin/ion-cc -h localhost -a sysname=demo -n --spawn hello
              bin/ion-call -h localhost -a sysname=demo hello hello World
            """;

    private IonCc() {
    }

    /** Parsed command line. */
    record Options(LauncherConfig.BrokerOptions broker, List<String> args, List<String> spawn, boolean noShell,
            Optional<Path> configFile, boolean verbose, boolean help, List<Path> files, Optional<Call> call,
            boolean exitAfterCall, Optional<Path> script) {
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
        if (options.script().isPresent() && !Files.isReadable(options.script().get())) {
            err.println("ion-cc: cannot read the script " + options.script().get());
            return 2;
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
        if (!options.noShell()) {
            boolean scriptRan = false;
            try (ContainerShell shell = ContainerShell.open(container, out, err)) {
                scriptRan = options.script().map(script -> runScript(script, shell::script, out, err)).orElse(true);
                if (scriptRan) {
                    out.println("running; type info() for help, Ctrl-D stops the container");
                    out.flush();
                    shell.interact(System.in, ContainerShell.isConsoleTerminal()
                            ? Optional.of(ContainerShell.defaultHistory()) : Optional.empty());
                }
            } catch (RuntimeException e) {
                err.println("ion-cc: the shell failed: " + e);
            }
            exitingOnItsOwn.set(true);
            out.println("stopping");
            stop.run();
            return scriptRan ? 0 : 1;
        }
        if (options.script().isPresent() && !runScript(options.script().get(),
                script -> ContainerShell.runScript(container, script, out, err), out, err)) {
            exitingOnItsOwn.set(true);
            out.println("stopping");
            stop.run();
            return 1;
        }
        out.println("running; stop with SIGTERM or Ctrl-C");
        out.flush();
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
     * @return {@link ClientTool#OK}, {@link ClientTool#ERROR_REPLY} or {@link ClientTool#FAILED}
     */
    static int call(Container container, Call call, PrintStream out, PrintStream err) {
        String target = call.service().contains(".") ? call.service() : container.sysname() + "." + call.service();
        try {
            Process caller = container.newClient("ion-cc");
            Message reply = caller.rpc(target, call.op(), call.content());
            out.println(IonCall.render(reply.content().orElse("")));
            out.flush();
            return ClientTool.OK;
        } catch (ReceivedError e) {
            err.println("ion-cc: ERROR reply from " + e.reply().sender() + ": " + e.responseCode()
                    + (e.exceptionText().isEmpty() ? "" : ": " + e.exceptionText()));
            return ClientTool.ERROR_REPLY;
        } catch (MessagingException e) {
            err.println("ion-cc: call to " + target + " failed: " + e.getMessage());
            return ClientTool.FAILED;
        }
    }

    /** Runs the start-up script; says so on {@code err} if it failed. */
    private static boolean runScript(Path script, Predicate<Path> runner, PrintStream out, PrintStream err) {
        out.println("running " + script);
        boolean ran = runner.test(script);
        if (!ran) {
            err.println("ion-cc: the script " + script + " failed; stopping the container");
        }
        return ran;
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
        Optional<Path> script = Optional.empty();
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
                            Optional.empty(), false, true, List.of(), Optional.empty(), false, Optional.empty());
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (a.endsWith(SCRIPT_EXTENSION)) {
                        if (script.isPresent()) {
                            throw new UsageException("one script only, not both '" + script.get() + "' and '" + a
                                    + "'");
                        }
                        script = Optional.of(Path.of(a));
                    } else if (a.endsWith(AppFiles.APP_EXTENSION) || a.endsWith(AppFiles.REL_EXTENSION)) {
                        files.add(Path.of(a));
                    } else {
                        throw new UsageException("unexpected argument '" + a + "': FILE must be an application ("
                                + AppFiles.APP_EXTENSION + "), a release (" + AppFiles.REL_EXTENSION + ") or a shell"
                                + " script (" + SCRIPT_EXTENSION + ")");
                    }
                }
            }
        }
        if (exitAfterCall && call.isEmpty()) {
            throw new UsageException("--exit-after-call needs --call SERVICE OP CONTENT");
        }
        return new Options(new LauncherConfig.BrokerOptions(host, port, vhost), args, spawn, noShell, configFile,
                verbose, false, files, call, exitAfterCall, script);
    }

    private static String callValue(ArgumentReader r, String option) {
        try {
            return r.value(option);
        } catch (UsageException e) {
            throw new UsageException("option " + option + " needs three values: SERVICE OP CONTENT");
        }
    }
}
