package ion.launcher;

import ion.core.container.Container;
import ion.core.messaging.MessagingException;
import ion.core.process.Process;
import ion.core.process.ReceivedError;
import ion.core.process.RpcTimeoutException;
import ion.services.datastore.DatastoreService;
import ion.services.registry.ResourceRegistryService;
import ion.shell.StoreInspector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bin/ion-store}: shows what a running system's {@code datastore} and {@code resource_registry} hold, asking
 * them through RabbitMQ from outside any container (so it works while a container holds the embedded store).
 * Exit status 0 when the answer was printed, 1 for an ERROR reply (an unknown repository or resource), 2 for a
 * timeout, an unreachable broker or a usage error.
 */
public final class IonStore {
    static final String USAGE = """
            Usage: ion-store [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE,...] [--timeout SECONDS]
                             [--datastore NAME] [--registry NAME] [--] COMMAND [ARGUMENT]

            Shows what the datastore and the resource registry of the system named by -a sysname=NAME hold,
            asking the running services through RabbitMQ.

            Commands:
              list                  the ids of the repositories the datastore holds
              log REPOSITORY        the commits of a repository, newest first: commit key, date (UTC),
                                    author, comment, parents and the branches it heads
              objects REPOSITORY    the commits and objects of a repository: key, type id, type name and
                                    size of the value in bytes
              resource ID           the latest version of a resource of the resource registry

            Options:
              -h, --host HOST       RabbitMQ host (default localhost)
              -p, --port PORT       RabbitMQ port (default 5672)
              -v, --vhost VHOST     RabbitMQ virtual host (default /)
              -a, --args K=V,...    configuration settings; sysname=NAME selects the system
                  --timeout SECONDS how long to wait for each reply, 0.001 to 86400 (default:
                                    process.rpc-timeout, 15 s)
                  --datastore NAME  the datastore's service name (default datastore)
                  --registry NAME   the resource registry's service name (default resource_registry)
                  --help            show this help

            Exit status: 0 done, 1 ERROR reply (unknown repository or resource), 2 timeout, broker
            unreachable or usage error.

            Examples:
              bin/ion-store -a sysname=demo list
              bin/ion-store -a sysname=demo log 3f1c0a4e-...
            """;

    private IonStore() {
    }

    /** The commands. */
    enum Command {
        LIST("list", 0),
        LOG("log", 1),
        OBJECTS("objects", 1),
        RESOURCE("resource", 1);

        private final String word;
        private final int arguments;

        Command(String word, int arguments) {
            this.word = word;
            this.arguments = arguments;
        }

        static Command parse(String word) {
            for (Command c : values()) {
                if (c.word.equals(word)) {
                    return c;
                }
            }
            throw new UsageException("unknown command '" + word + "'; commands: list, log, objects, resource");
        }
    }

    /** Parsed command line. */
    record Options(LauncherConfig.BrokerOptions broker, List<String> args, Optional<Duration> timeout,
            String datastore, String registry, Command command, Optional<String> argument) {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        try {
            Optional<Options> read = ClientTool.read("ion-store", argv, IonStore::parse, USAGE,
                    "the commands and options", out, err);
            if (read.isEmpty()) {
                return ClientTool.OK;
            }
            return run(read.get(), out, err);
        } catch (ClientTool.Exit e) {
            return e.status();
        }
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        ClientTool.Setup setup = ClientTool.setup("ion-store", options.broker(), options.args(), options.timeout(),
                err);
        ClientTool.requireSystem("ion-store", setup.config(), err);
        try (Container container = Container.start(setup.containerOptions())) {
            Process caller = container.newClient("ion-store");
            StoreInspector inspector = new StoreInspector(caller, options.datastore(), options.registry(), out);
            String argument = options.argument().orElse("");
            switch (options.command()) {
                case LIST -> inspector.repositories();
                case LOG -> inspector.log(argument);
                case OBJECTS -> inspector.objects(argument);
                case RESOURCE -> inspector.resource(argument);
            }
            return ClientTool.OK;
        } catch (ReceivedError e) {
            err.println("ion-store: " + e.exceptionText() + " (" + e.responseCode() + " from " + e.reply().sender()
                    + ")");
            return ClientTool.ERROR_REPLY;
        } catch (RpcTimeoutException e) {
            err.println("ion-store: " + e.getMessage() + "; is the " + serviceOf(options) + " service running?");
            return ClientTool.FAILED;
        } catch (MessagingException e) {
            err.println("ion-store: " + e.getMessage());
            return ClientTool.FAILED;
        }
    }

    private static String serviceOf(Options options) {
        return options.command() == Command.RESOURCE ? options.registry() : options.datastore();
    }

    static Options parse(String[] argv) {
        ArgumentReader r = new ArgumentReader(argv);
        ClientTool.Connection connection = new ClientTool.Connection(Optional.empty());
        String datastore = DatastoreService.NAME;
        String registry = ResourceRegistryService.NAME;
        List<String> positional = new ArrayList<>();
        while (r.hasNext()) {
            String a = r.next();
            if (connection.accept(a, r)) {
                continue;
            }
            switch (a) {
                case "--datastore" -> datastore = nonBlank(a, r.value(a));
                case "--registry" -> registry = nonBlank(a, r.value(a));
                case "--" -> positional.addAll(r.rest());
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("expected a COMMAND: list, log, objects or resource");
        }
        Command command = Command.parse(positional.get(0));
        List<String> rest = positional.subList(1, positional.size());
        if (rest.size() != command.arguments) {
            throw new UsageException("'" + command.word + "' takes " + switch (command) {
                case LIST -> "no argument";
                case LOG, OBJECTS -> "one argument, the REPOSITORY id";
                case RESOURCE -> "one argument, the resource ID";
            } + ", got " + rest.size());
        }
        return new Options(connection.broker(), connection.args(), connection.timeout(), datastore, registry,
                command, rest.stream().findFirst());
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a service name");
        }
        return value;
    }
}
