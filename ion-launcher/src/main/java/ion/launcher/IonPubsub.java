package ion.launcher;

import ion.core.container.Container;
import ion.core.messaging.MessagingException;
import ion.core.process.Process;
import ion.core.process.ReceivedError;
import ion.core.process.RpcTimeoutException;
import ion.services.pubsub.PublishRefusedException;
import ion.services.pubsub.PubsubService;
import ion.shell.PubsubInspector;
import ion.shell.TopicTail;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/ion-pubsub}: lists and drives a running system's data distribution through its {@code pubsub} service
 * over RabbitMQ, from outside any container: exchange points, topics, subscriptions with their message rates, a
 * test publish and a tail of a topic pattern. Exit status 0 when done, 1 for an ERROR reply (an unknown exchange
 * point or topic, a refused publish), 2 for a timeout, an unreachable broker or a usage error.
 */
public final class IonPubsub {

    /** The name the tool's publisher registrations carry. */
    static final String PUBLISHER_NAME = "ion-pubsub";

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(ms|s|m|h)?");
    private static final BigDecimal MAX_DURATION_MILLIS = BigDecimal.valueOf(86_400_000);

    static final String USAGE = """
            Usage: ion-pubsub [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE,...] [--timeout SECONDS]
                              [--pubsub NAME] [--] COMMAND [ARGUMENTS] [COMMAND OPTIONS]

            Lists and drives the data distribution of the system named by -a sysname=NAME through its
            pubsub service, over RabbitMQ.

            Commands:
              xps                       the exchange points: exchange space, broker exchange, and how many
                                        topics, publishers and subscriptions each has
              topics XP [PATTERN]       the topics of exchange point XP (matching PATTERN, default #),
                                        with their publisher and subscription counts
              subs XP [--rate-window D] the subscriptions of XP: kind, queue, messages WAITING, length limit,
                                        and measured over D (default 1s; 0 skips it; the command takes that
                                        long): IN/S, the messages per second published to a topic the
                                        subscription's pattern matches (counted by a temporary queue bound
                                        with the same pattern), and OUT/S, per second leaving its queue
                                        (IN/S less the growth of WAITING: consumed, or dropped when full)
              publish XP TOPIC TEXT     publishes TEXT (a string) to TOPIC of XP, registering the tool as a
                                        publisher of the topic (name ion-pubsub)
              publish XP TOPIC --map K=V [K=V ...]
                                        publishes a map instead; a value that is an integer, a decimal
                                        number, true or false is sent as one, anything else as a string
              tail XP PATTERN [--count N] [--for D]
                                        prints [topic] content for each message published to a topic of XP
                                        matching PATTERN from now on, until N messages, D passed, or Ctrl-C

            A PATTERN is a topic pattern: dot-separated words, * one word, # zero or more.
            A duration D is a number with a unit: 500ms, 2s, 1.5m, 1h (no unit: seconds).

            Options:
              -h, --host HOST       RabbitMQ host (default localhost)
              -p, --port PORT       RabbitMQ port (default 5672)
              -v, --vhost VHOST     RabbitMQ virtual host (default /)
              -a, --args K=V,...    configuration settings; sysname=NAME selects the system
                  --timeout SECONDS how long to wait for each reply, 0.001 to 86400 (default:
                                    process.rpc-timeout, 15 s)
                  --pubsub NAME     the pubsub service's name (default pubsub)
                  --help            show this help

            Exit status: 0 done, 1 ERROR reply (unknown exchange point or topic, refused publish), 2 timeout,
            broker unreachable or usage error.

            Examples:
              bin/ion-pubsub -a sysname=demo xps
              bin/ion-pubsub -a sysname=demo subs science_data --rate-window 5s
              bin/ion-pubsub -a sysname=demo publish science_data ocean.ctd --map temperature=21.5 depth=10
              bin/ion-pubsub -a sysname=demo tail science_data 'ocean.#' --count 10
            """;

    private IonPubsub() {
    }

    /** What to do, with its arguments. */
    sealed interface Command {
        /** List the exchange points. */
        record ExchangePoints() implements Command {
        }

        /** List the topics of an exchange point matching a pattern. */
        record Topics(String exchangePoint, String pattern) implements Command {
        }

        /** List the subscriptions of an exchange point, measuring the rates over a window (zero: not). */
        record Subscriptions(String exchangePoint, Duration rateWindow) implements Command {
        }

        /** Publish a string or a map to a topic. */
        record Publish(String exchangePoint, String topic, Object content) implements Command {
        }

        /** Print what arrives for a topic pattern, up to a count, for a while, or until interrupted. */
        record Tail(String exchangePoint, String pattern, OptionalLong count, Optional<Duration> duration)
                implements Command {
        }
    }

    /** Parsed command line. */
    record Options(LauncherConfig.BrokerOptions broker, List<String> args, Optional<Duration> timeout,
            String pubsub, Command command) {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        try {
            Optional<Options> read = ClientTool.read("ion-pubsub", argv, IonPubsub::parse, USAGE,
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
        ClientTool.Setup setup = ClientTool.setup("ion-pubsub", options.broker(), options.args(), options.timeout(),
                err);
        ClientTool.requireSystem("ion-pubsub", setup.config(), err);
        try (Container container = Container.start(setup.containerOptions())) {
            Process caller = container.newClient("ion-pubsub");
            PubsubInspector inspector = new PubsubInspector(container, caller, options.pubsub(), PUBLISHER_NAME,
                    out);
            switch (options.command()) {
                case Command.ExchangePoints x -> inspector.exchangePoints();
                case Command.Topics t -> inspector.topics(t.exchangePoint(), t.pattern());
                case Command.Subscriptions s -> inspector.subscriptions(s.exchangePoint(), s.rateWindow());
                case Command.Publish p -> inspector.publish(p.exchangePoint(), p.topic(), p.content());
                case Command.Tail t -> tail(inspector, t, err);
            }
            return ClientTool.OK;
        } catch (ReceivedError e) {
            err.println("ion-pubsub: " + e.exceptionText() + " (" + e.responseCode() + " from " + e.reply().sender()
                    + ")");
            return ClientTool.ERROR_REPLY;
        } catch (PublishRefusedException e) {
            err.println("ion-pubsub: " + e.getMessage());
            return ClientTool.ERROR_REPLY;
        } catch (RpcTimeoutException e) {
            err.println("ion-pubsub: " + e.getMessage() + "; is the " + options.pubsub() + " service running?");
            return ClientTool.FAILED;
        } catch (MessagingException e) {
            err.println("ion-pubsub: " + e.getMessage());
            return ClientTool.FAILED;
        }
    }

    private static void tail(PubsubInspector inspector, Command.Tail command, PrintStream err) {
        TopicTail tail = inspector.tail(command.exchangePoint(), command.pattern());
        // Ctrl-C ends the JVM without unwinding: cancel the subscription on the way out.
        Thread onInterrupt = new Thread(() -> {
            try {
                tail.close();
            } catch (RuntimeException e) {
                err.println("ion-pubsub: could not cancel the tail's subscription " + tail.subscription().id()
                        + ": " + e.getMessage());
            }
        }, "ion-pubsub-untail");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            err.println("tailing " + command.pattern() + " on " + command.exchangePoint()
                    + command.count().stream().mapToObj(n -> " for " + n + " message" + (n == 1 ? "" : "s"))
                            .findFirst().orElse("")
                    + command.duration().map(d -> " for " + d.toMillis() + " ms").orElse("")
                    + (command.count().isEmpty() && command.duration().isEmpty() ? " until Ctrl-C" : ""));
            long wanted = command.count().orElse(Long.MAX_VALUE);
            long deadline = command.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
            while (tail.printed() < wanted) {
                long left = deadline == Long.MAX_VALUE ? Duration.ofSeconds(1).toNanos() : deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                tail.awaitPrinted(wanted, Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tail.close();
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        }
    }

    static Options parse(String[] argv) {
        ArgumentReader r = new ArgumentReader(argv);
        ClientTool.Connection connection = new ClientTool.Connection(Optional.empty());
        String pubsub = PubsubService.NAME;
        Optional<Duration> rateWindow = Optional.empty();
        OptionalLong count = OptionalLong.empty();
        Optional<Duration> duration = Optional.empty();
        boolean map = false;
        List<String> positional = new ArrayList<>();
        while (r.hasNext()) {
            String a = r.next();
            if (connection.accept(a, r)) {
                continue;
            }
            switch (a) {
                case "--pubsub" -> pubsub = nonBlank(a, r.value(a));
                case "--rate-window" -> rateWindow = Optional.of(duration(a, r.value(a), true));
                case "--count" -> count = OptionalLong.of(count(a, r.value(a)));
                case "--for" -> duration = Optional.of(duration(a, r.value(a), false));
                case "--map" -> {
                    r.flag(a);
                    map = true;
                }
                case "--" -> positional.addAll(r.rest());
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("expected a COMMAND: xps, topics, subs, publish or tail");
        }
        String word = positional.get(0);
        List<String> rest = positional.subList(1, positional.size());
        Command command = switch (word) {
            case "xps" -> {
                arguments(word, rest, 0, 0, "no argument");
                yield new Command.ExchangePoints();
            }
            case "topics" -> {
                arguments(word, rest, 1, 2, "the exchange point XP and optionally a PATTERN");
                yield new Command.Topics(rest.get(0), rest.size() > 1 ? rest.get(1) : "#");
            }
            case "subs" -> {
                arguments(word, rest, 1, 1, "the exchange point XP");
                yield new Command.Subscriptions(rest.get(0), rateWindow.orElse(PubsubInspector.DEFAULT_RATE_WINDOW));
            }
            case "publish" -> {
                if (map) {
                    if (rest.size() < 3) {
                        throw new UsageException("'publish ... --map' takes XP TOPIC and at least one KEY=VALUE, got "
                                + rest.size() + " argument(s)");
                    }
                    yield new Command.Publish(rest.get(0), rest.get(1), fields(rest.subList(2, rest.size())));
                }
                arguments(word, rest, 3, 3, "XP TOPIC TEXT (quote TEXT if it has spaces; --map for a map)");
                yield new Command.Publish(rest.get(0), rest.get(1), rest.get(2));
            }
            case "tail" -> {
                arguments(word, rest, 2, 2, "the exchange point XP and a topic PATTERN");
                yield new Command.Tail(rest.get(0), rest.get(1), count, duration);
            }
            default -> throw new UsageException("unknown command '" + word
                    + "'; commands: xps, topics, subs, publish, tail");
        };
        if (rateWindow.isPresent() && !(command instanceof Command.Subscriptions)) {
            throw new UsageException("--rate-window goes with the command subs");
        }
        if ((count.isPresent() || duration.isPresent()) && !(command instanceof Command.Tail)) {
            throw new UsageException("--count and --for go with the command tail");
        }
        if (map && !(command instanceof Command.Publish)) {
            throw new UsageException("--map goes with the command publish");
        }
        return new Options(connection.broker(), connection.args(), connection.timeout(), pubsub, command);
    }

    private static void arguments(String command, List<String> rest, int min, int max, String what) {
        if (rest.size() < min || rest.size() > max) {
            throw new UsageException("'" + command + "' takes " + what + ", got " + rest.size() + " argument(s)");
        }
    }

    /** {@code KEY=VALUE} pairs as a map; integers, decimals and booleans typed, anything else a string. */
    static Map<String, Object> fields(List<String> pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new UsageException("'" + pair + "' is not KEY=VALUE");
            }
            fields.put(pair.substring(0, eq), value(pair.substring(eq + 1)));
        }
        return fields;
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        if (text.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(text);
        }
        if (text.matches("-?[0-9]+\\.[0-9]+([eE][-+]?[0-9]+)?")) {
            return Double.parseDouble(text);
        }
        return text;
    }

    /** A duration such as {@code 500ms}, {@code 2s}, {@code 1.5m}, {@code 1h}, or a number of seconds. */
    static Duration duration(String option, String text, boolean zeroAllowed) {
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(switch (m.group(2) == null
                    ? "s" : m.group(2)) {
                case "ms" -> 1L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 1_000L;
            })).setScale(0, RoundingMode.HALF_UP);
            if ((zeroAllowed ? millis.signum() >= 0 : millis.signum() > 0)
                    && millis.compareTo(MAX_DURATION_MILLIS) <= 0) {
                return Duration.ofMillis(millis.longValueExact());
            }
        }
        throw new UsageException(option + " needs a duration from " + (zeroAllowed ? "0" : "1ms")
                + " to 24h such as 500ms, 2s or 1.5m, not '" + text + "'");
    }

    private static long count(String option, String text) {
        if (text.matches("[0-9]{1,18}") && Long.parseLong(text) > 0) {
            return Long.parseLong(text);
        }
        throw new UsageException(option + " needs a number of messages above 0, not '" + text + "'");
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) {
            throw new UsageException("option " + option + " needs a service name");
        }
        return value;
    }
}
