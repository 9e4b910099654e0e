package ion.launcher;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.messaging.MessagingException;
import ion.core.process.Process;
import ion.core.process.ReceivedError;
import ion.core.process.RpcTimeoutException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/ion-call}: sends one RPC to a service through RabbitMQ from outside any container and prints the
 * reply content. Exit status 0 for an OK reply, 1 for an ERROR reply, 2 for a timeout, an unreachable broker or
 * a usage error.
 */
public final class IonCall {

    private static final BigDecimal MAX_TIMEOUT_MILLIS = BigDecimal.valueOf(86_400_000);

    static final String USAGE = """
            Usage: ion-call [-h HOST] [-p PORT] [-v VHOST] [-a KEY=VALUE,...] [--timeout SECONDS] [--]
                            SERVICE OP CONTENT

            Sends one RPC to SERVICE in the system named by -a sysname=NAME (the sysname the container printed at
            start) through RabbitMQ, and prints the reply content.

            Arguments:
              SERVICE               the service name (e.g. hello); a name with a dot is used as the exact
                                    receiver name (e.g. a process id, or demo.hello)
              OP                    the operation (e.g. hello)
              CONTENT               the content, sent as a string

            Options:
              -h, --host HOST       RabbitMQ host (default localhost)
              -p, --port PORT       RabbitMQ port (default 5672)
              -v, --vhost VHOST     RabbitMQ virtual host (default /)
              -a, --args K=V,...    configuration settings; sysname=NAME selects the system
                  --timeout SECONDS how long to wait for the reply, 0.001 to 86400 (default:
                                    process.rpc-timeout, 15 s)
                  --help            show this help
                  --                end of the options: what follows is SERVICE OP CONTENT even if it
                                    starts with '-'

            Exit status: 0 OK reply, 1 ERROR reply, 2 timeout, broker unreachable or usage error.

            Example:
              bin/ion-call -h localhost -a sysname=demo hello hello World     prints: Hello there, World
            """;

    private IonCall() {
    }

    /** Parsed command line. */
    record Options(LauncherConfig.BrokerOptions broker, List<String> args, Optional<Duration> timeout,
            String service, String op, String content) {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        try {
            Optional<Options> read = ClientTool.read("ion-call", argv, IonCall::parse, USAGE, "the options", out,
                    err);
            if (read.isEmpty()) {
                return ClientTool.OK;
            }
            return run(read.get(), out, err);
        } catch (ClientTool.Exit e) {
            return e.status();
        }
    }

    private static int run(Options options, PrintStream out, PrintStream err) {
        ClientTool.Setup setup = ClientTool.setup("ion-call", options.broker(), options.args(), options.timeout(),
                err);
        String sysname = setup.config().string("container.sysname");
        String target;
        if (options.service().contains(".")) {
            target = options.service();
        } else if (!sysname.isEmpty()) {
            target = sysname + "." + options.service();
        } else {
            err.println("ion-call: which system? Give its name with -a sysname=NAME (the container printed it at"
                    + " start), or the full receiver name such as NAME." + options.service());
            return ClientTool.FAILED;
        }
        Duration timeout = options.timeout().orElse(setup.config().duration("process.rpc-timeout"));
        try (Container container = Container.start(setup.containerOptions())) {
            Process caller = container.newClient("ion-call");
            Message reply = caller.rpc(target, options.op(), options.content(), timeout);
            out.println(render(reply.content().orElse("")));
            return ClientTool.OK;
        } catch (ReceivedError e) {
            err.println("ion-call: ERROR reply from " + e.reply().sender() + ": " + e.responseCode()
                    + (e.exceptionText().isEmpty() ? "" : ": " + e.exceptionText()));
            return ClientTool.ERROR_REPLY;
        } catch (RpcTimeoutException e) {
            err.println("ion-call: " + e.getMessage());
            return ClientTool.FAILED;
        } catch (MessagingException e) {
            err.println("ion-call: " + e.getMessage());
            return ClientTool.FAILED;
        }
    }

    /**
     * Content as text: strings as they are, binary as UTF-8 text when it is that, else as {@code <N bytes: hex>},
     * containers recursively.
     */
    static String render(Object value) {
        if (value instanceof byte[] b) {
            return utf8(b).orElseGet(() -> "<" + b.length + (b.length == 1 ? " byte: " : " bytes: ")
                    + HexFormat.of().formatHex(b) + ">");
        }
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(render(k) + ": " + render(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(IonCall::render).toList()) + "]";
        }
        return String.valueOf(value);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Options parse(String[] argv) {
        ArgumentReader r = new ArgumentReader(argv);
        ClientTool.Connection connection = new ClientTool.Connection(Optional.of("localhost"));
        List<String> positional = new ArrayList<>();
        while (r.hasNext()) {
            String a = r.next();
            if (connection.accept(a, r)) {
                continue;
            }
            switch (a) {
                case "--" -> positional.addAll(r.rest());
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 3) {
            throw new UsageException("expected SERVICE OP CONTENT, got " + positional.size() + " argument(s)");
        }
        return new Options(connection.broker(), connection.args(), connection.timeout(),
                positional.get(0), positional.get(1), positional.get(2));
    }

    static Duration seconds(String value) {
        if (value.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")) {
            BigDecimal millis = new BigDecimal(value).movePointRight(3);
            if (millis.compareTo(BigDecimal.ONE) >= 0 && millis.compareTo(MAX_TIMEOUT_MILLIS) <= 0) {
                return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
            }
        }
        throw new UsageException("--timeout needs a number of seconds from 0.001 to 86400, such as 5 or 0.5, not '"
                + value + "'");
    }
}
