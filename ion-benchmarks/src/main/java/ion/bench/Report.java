package ion.bench;

import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes {@code BENCHMARKS.md} from the results of one {@code bin/ion-bench} run and prints its table: every row
 * of {@link Catalogue#ROWS} with ioncore's figure, the baseline's, their ratio and whether the goal is met, then
 * the machine, the exact command, how the figures were taken, the figures of every round, and the findings.
 *
 * <p>Each figure is the mean of the rounds' scores (each score is one JMH fork's mean over its measurement
 * iterations); the cold start is the median of its runs.
 *
 * <p>With {@code --merge EARLIER_REPORT} (and {@code --only}), the rows of the parts that were not run now are
 * kept as the earlier report has them (its results-table lines verbatim, its figures of every round), and the
 * report says which run each row comes from.
 *
 * <p>Usage: {@code Report RESULTS_FILE OUTPUT_FILE FINDINGS_FILE [--command TEXT] [--elapsed SECONDS]
 * [--settings TEXT] [--skipped-broker TEXT] [--note TEXT] [--load-start TEXT] [--only PARTS]
 * [--merge EARLIER_REPORT]}.
 */
public final class Report {
    private static final String EARLIER_SUFFIX = " (earlier run)";

    private Report() {
    }

    /** What the script tells the report about the run. */
    record Run(String command, String elapsed, String settings, String skippedBroker, String note, String loadStart,
            List<String> only, Optional<Earlier> earlier) {
        boolean ran(Catalogue.Row row) {
            return ranNow(row) || earlier.map(e -> e.has(row.variant())).orElse(false);
        }

        boolean ranNow(Catalogue.Row row) {
            return only.isEmpty() || only.contains(Catalogue.partOf(row.variant()));
        }
    }

    /**
     * What an earlier report says about its run, for merging a partial run into it.
     *
     * @param header its lines from "Command:" to "Duration of the whole run:"
     * @param load its load-average line, without the leading "- "
     * @param note its note, empty if none
     * @param settings its settings of the pairs
     * @param lines its figures of every round
     * @param rows its lines of the results table by the row's title, kept verbatim for rows not run again
     */
    record Earlier(List<String> header, String load, String note, String settings, List<Results.Line> lines,
            Map<String, String> rows) {
        /** The same without the figures of these parts, which are run again. */
        Earlier without(List<String> parts) {
            return new Earlier(header, load, note, settings,
                    lines.stream().filter(l -> !parts.contains(Catalogue.partOf(l.variant()))).toList(), rows);
        }

        boolean has(String variant) {
            return lines.stream().anyMatch(l -> l.variant().equals(variant));
        }

        /** Reads an earlier report written by this class. */
        static Earlier parse(String markdown) {
            List<String> header = new ArrayList<>();
            String load = "";
            String note = "";
            String settings = "";
            List<Results.Line> lines = new ArrayList<>();
            Map<String, String> rows = new LinkedHashMap<>();
            boolean results = false;
            boolean rounds = false;
            boolean inHeader = true;
            for (String line : markdown.split("\n")) {
                if (line.startsWith("## ")) {
                    results = line.equals("## Results");
                }
                if (results && line.startsWith("| ") && !line.startsWith("| benchmark |")) {
                    rows.put(line.substring(2, line.indexOf(" | ")), line);
                }
                if (line.startsWith("Rows of ") || line.startsWith("## Results")) {
                    inHeader = false;
                } else if (inHeader && (line.startsWith("Command:") || line.startsWith("Date:")
                        || line.startsWith("Duration of the whole run:"))) {
                    header.add(line.replaceAll(" +$", ""));
                } else if (line.startsWith("- Load average") && load.isEmpty()) {
                    load = line.substring(2).replace(EARLIER_SUFFIX, "");
                } else if (line.startsWith("- Note: ") && note.isEmpty()) {
                    note = line.substring("- Note: ".length()).replace(EARLIER_SUFFIX, "");
                } else if (line.contains(" Settings: ") && settings.isEmpty()) {
                    settings = line.substring(line.indexOf(" Settings: ") + " Settings: ".length())
                            .replaceAll("\\.$", "").replaceAll("; in the later run of .*$", "");
                } else if (line.startsWith("### Figures of every round")) {
                    rounds = true;
                } else if (rounds && line.startsWith("#")) {
                    rounds = false;
                } else if (rounds && line.startsWith("| ") && !line.startsWith("| variant / side |")) {
                    lines.addAll(roundLines(line));
                }
            }
            return new Earlier(List.copyOf(header), load, note, settings, List.copyOf(lines), Map.copyOf(rows));
        }

        private static List<Results.Line> roundLines(String row) {
            String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
            if (cells.length != 3) {
                throw new IllegalArgumentException("not a row of the table of every round: " + row);
            }
            String[] key = cells[0].split(" / ");
            String[] figures = cells[2].split(", ");
            List<Results.Line> lines = new ArrayList<>();
            for (int i = 0; i < figures.length; i++) {
                lines.add(new Results.Line(key[0], key[1], Integer.toString(i + 1),
                        Double.parseDouble(figures[i].replace(",", "")), cells[1]));
            }
            return lines;
        }
    }

    /** One row's outcome. */
    record Outcome(Catalogue.Row row, OptionalDouble ioncore, OptionalDouble baseline, String ratio, String met,
            Optional<String> earlierLine) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Report RESULTS_FILE OUTPUT_FILE FINDINGS_FILE [--command TEXT] ...");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        List<String> only = List.of(options.getOrDefault("--only", "").split(",")).stream()
                .filter(p -> !p.isBlank()).toList();
        Optional<Earlier> earlier = Optional.ofNullable(options.get("--merge")).filter(f -> !f.isBlank())
                .map(Report::readEarlier).map(e -> e.without(only));
        if (earlier.isPresent() && only.isEmpty()) {
            System.err.println("Report: --merge needs --only (the parts run now)");
            System.exit(2);
        }
        Run run = new Run(options.getOrDefault("--command", "bin/ion-bench"), options.getOrDefault("--elapsed", "?"),
                options.getOrDefault("--settings", ""), options.getOrDefault("--skipped-broker", ""),
                options.getOrDefault("--note", ""), options.getOrDefault("--load-start", ""), only, earlier);
        List<Results.Line> lines = lines(run, Results.read(Path.of(args[0])));
        List<Outcome> outcomes = outcomes(lines, run);
        String findings = Files.exists(Path.of(args[2])) ? Files.readString(Path.of(args[2])) : "";
        String markdown = render(outcomes, lines, run, findings);
        Files.writeString(Path.of(args[1]), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(table(outcomes));
    }

    /** The figures a report of the run shows: the earlier report's kept ones, if merging, then this run's. */
    static List<Results.Line> lines(Run run, List<Results.Line> now) {
        List<Results.Line> lines = new ArrayList<>(run.earlier().map(Earlier::lines).orElse(List.of()));
        lines.addAll(now);
        return List.copyOf(lines);
    }

    private static Earlier readEarlier(String file) {
        try {
            return Earlier.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the earlier report " + file, e);
        }
    }

    static List<Outcome> outcomes(List<Results.Line> lines, Run run) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Catalogue.Row row : Catalogue.ROWS) {
            Optional<String> earlierLine = run.ranNow(row) ? Optional.empty()
                    : run.earlier().flatMap(e -> Optional.ofNullable(e.rows().get(row.title())));
            if (earlierLine.isPresent()) {
                String line = earlierLine.get();
                String met = line.substring(line.lastIndexOf(" | ", line.length() - 3) + 3, line.length() - 2);
                outcomes.add(new Outcome(row, OptionalDouble.empty(), OptionalDouble.empty(), "", met, earlierLine));
                continue;
            }
            boolean median = row.variant().equals("coldstart");
            OptionalDouble ioncore = figure(lines, row.variant(), row.ioncoreSide(), median);
            OptionalDouble baseline = row.baselineSide().map(side -> figure(lines, row.variant(), side, median))
                    .orElse(OptionalDouble.empty());
            String ratio = "";
            String met;
            if (!run.ran(row)) {
                met = "not run (--only)";
            } else if (run.ranNow(row) && row.needsBroker() && !run.skippedBroker().isEmpty()) {
                met = "skipped: " + run.skippedBroker();
            } else if (ioncore.isEmpty() || (row.baselineSide().isPresent() && baseline.isEmpty())) {
                met = "no figure: the measurement failed (see its log in the run folder)";
            } else if (row.goal() == Catalogue.GoalKind.ABSOLUTE_BELOW) {
                met = ioncore.getAsDouble() < row.goalValue() ? "yes" : "**no**";
            } else {
                double r = ioncore.getAsDouble() / baseline.getAsDouble();
                ratio = formatRatio(r);
                met = switch (row.goal()) {
                    case RATIO_AT_LEAST -> r >= row.goalValue() ? "yes" : "**no**";
                    case RATIO_AT_MOST -> r <= row.goalValue() ? "yes" : "**no**";
                    default -> "-";
                };
                if (row.variant().equals("memory")) {
                    met += ioncore.getAsDouble() < 1024 ? "; under 1 KiB: yes" : "; under 1 KiB: **no**";
                }
            }
            outcomes.add(new Outcome(row, ioncore, baseline, ratio, met, Optional.empty()));
        }
        return outcomes;
    }

    static OptionalDouble figure(List<Results.Line> lines, String variant, String side, boolean median) {
        double[] scores = lines.stream().filter(l -> l.variant().equals(variant) && l.side().equals(side))
                .mapToDouble(Results.Line::score).sorted().toArray();
        if (scores.length == 0) {
            return OptionalDouble.empty();
        }
        if (median) {
            return OptionalDouble.of(scores[scores.length / 2]);
        }
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return OptionalDouble.of(sum / scores.length);
    }

    static String formatRatio(double r) {
        return String.format(Locale.ROOT, r < 0.1 ? "%.3f" : "%.2f", r);
    }

    static String formatFigure(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,.0f", value.getAsDouble()) : "-";
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | ioncore figure | baseline | baseline figure | unit | ratio ioncore / baseline | goal "
                + "| met? |\n");
        sb.append("|---|---:|---|---:|---|---:|---|---|\n");
        for (Outcome o : outcomes) {
            if (o.earlierLine().isPresent()) {
                sb.append(o.earlierLine().get()).append('\n');
                continue;
            }
            Catalogue.Row row = o.row();
            sb.append("| ").append(row.title())
                    .append(" | ").append(formatFigure(o.ioncore()))
                    .append(" | ").append(row.baselineName())
                    .append(" | ").append(row.baselineSide().isPresent() ? formatFigure(o.baseline()) : "")
                    .append(" | ").append(row.unit())
                    .append(" | ").append(o.ratio())
                    .append(" | ").append(row.goalText())
                    .append(" | ").append(o.met())
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String render(List<Outcome> outcomes, List<Results.Line> lines, Run run, String findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("ioncore side by side with Apache Pekko (in-JVM) and with the raw RabbitMQ Java client (over "
                + "RabbitMQ). Written by `bin/ion-bench` from one run")
                .append(run.earlier().isPresent() ? ", with the rows of a later partial run merged in (`--merge`)"
                        : "")
                .append("; run it again to rewrite this file. The Findings section comes from "
                        + "`ion-benchmarks/FINDINGS.md`.\n\n");
        String date = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0)
                .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (run.earlier().isPresent()) {
            sb.append(String.join("  \n", run.earlier().get().header())).append("\n\n");
            sb.append("Rows of ").append(String.join(", ", run.only()))
                    .append(" run later and merged in (the other rows are from the run above):  \n");
            sb.append("Command: `").append(run.command()).append("`  \n");
            sb.append("Date: ").append(date).append("  \n");
            sb.append("Duration of that run: ").append(run.elapsed()).append("\n\n");
        } else {
            sb.append("Command: `").append(run.command()).append("`  \n");
            sb.append("Date: ").append(date).append("  \n");
            sb.append("Duration of the whole run: ").append(run.elapsed()).append("\n\n");
        }
        sb.append("## Results\n\n");
        sb.append(table(outcomes)).append('\n');
        sb.append("Throughput figures are higher-is-better, so a ratio above 1 means ioncore is faster; for idle "
                + "memory a ratio below 1 means ioncore needs less. Each figure is the mean of the rounds' scores; "
                + "the cold start is the median of its runs.\n");
        if (!run.skippedBroker().isEmpty()) {
            sb.append("\n**Skipped:** every RabbitMQ row, because ").append(run.skippedBroker()).append(".\n");
        }
        List<String> unmet = outcomes.stream().filter(o -> o.met().contains("**no**"))
                .map(o -> o.row().title()).toList();
        long withoutFigure = outcomes.stream().filter(o -> o.met().startsWith("not run")
                || o.met().startsWith("skipped") || o.met().startsWith("no figure")).count();
        if (!unmet.isEmpty()) {
            sb.append("\n**Goals not met in this run:** ").append(String.join("; ", unmet)).append(". See Findings.\n");
        } else if (withoutFigure == 0) {
            sb.append("\nEvery goal was met in this run.\n");
        } else {
            sb.append("\nEvery goal with a figure was met in this run; ").append(withoutFigure)
                    .append(" row(s) have no figure (see the table).\n");
        }
        sb.append("\n## Machine\n\n");
        machine(sb, run);
        sb.append("\n## How the figures were taken\n\n");
        method(sb, run);
        sb.append("\n### Figures of every round\n\n");
        rounds(sb, lines);
        if (!findings.isBlank()) {
            sb.append('\n').append(findings.strip()).append('\n');
        }
        return sb.toString();
    }

    private static void machine(StringBuilder sb, Run run) {
        sb.append("- CPU: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores available to the JVM\n");
        sb.append("- Memory: ").append(memory()).append('\n');
        sb.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        sb.append("- OS: ").append(osName()).append(", kernel ").append(System.getProperty("os.version"))
                .append(", ").append(System.getProperty("os.arch")).append('\n');
        sb.append("- RabbitMQ: ").append(rabbitVersion()).append('\n');
        String later = run.earlier().isPresent() ? " (run of " + String.join(", ", run.only()) + ")" : "";
        run.earlier().filter(e -> !e.load().isEmpty()).ifPresent(e -> sb.append("- ").append(e.load())
                .append(EARLIER_SUFFIX).append('\n'));
        sb.append("- Load average (1, 5, 15 min) at the start: ").append(run.loadStart().isEmpty() ? "?"
                : run.loadStart()).append("; at the end: ").append(loadAverage()).append(later).append('\n');
        run.earlier().filter(e -> !e.note().isEmpty()).ifPresent(e -> sb.append("- Note: ").append(e.note())
                .append(EARLIER_SUFFIX).append('\n'));
        if (!run.note().isEmpty()) {
            sb.append("- Note: ").append(run.note()).append(later).append('\n');
        }
    }

    private static void method(StringBuilder sb, Run run) {
        sb.append("- Pairs run with JMH ").append(org.openjdk.jmh.util.Version.getPlainVersion())
                .append(", each pair in one invocation of `ion.bench.PairRunner`: for each variant, every round "
                        + "runs each side once in a fresh JMH fork, the sides in order in odd rounds and in "
                        + "reverse order in even rounds (A B, B A, ...), so that noise on the machine falls on both "
                        + "sides alike. Settings: ")
                .append(run.earlier().map(Earlier::settings).filter(e -> !e.isEmpty()).map(e -> e
                        + "; in the later run of " + String.join(", ", run.only()) + ": ").orElse(""))
                .append(run.settings().isEmpty() ? "(defaults)" : run.settings()).append(".\n");
        sb.append("- Versions: Pekko ").append(pekkoVersion()).append(" (Scala 2.13), amqp-client ")
                .append(amqpClientVersion()).append(".\n");
        sb.append("- Pekko is configured as its dispatcher documentation recommends for throughput: the default "
                + "fork-join dispatcher with `throughput = 100` (see `PekkoSystems`). The raw client uses its "
                + "defaults: one channel per thread, manual acknowledgements as stated per row.\n");
        sb.append("- Each pair is one file under `ion-benchmarks/src/main/java/ion/bench/`, holding both sides: "
                + "`OneWayInJvmBenchmark`, `RpcInJvmBenchmark`, `SpawnBenchmark`, `IdleMemory`, "
                + "`RpcAmqpBenchmark`, `OneWayAmqpBenchmark`, `FanOutAmqpBenchmark`, `ColdStart`. Their Javadoc says what each side "
                + "does.\n");
        sb.append("- Payloads: in-JVM one-way: a 64-byte array; RPC: a string of 64 characters (in-JVM) or of "
                + "64 B / 1 KiB / 64 KiB (RabbitMQ), answered with `\"Hello there, \" + content` by ioncore's "
                + "`hello` service and by its baseline twin. One-way over RabbitMQ: a 64-character string.\n");
        sb.append("- Fan-out over RabbitMQ: the figure is deliveries per second (a message handled by one "
                + "subscriber is one delivery), so a batch is " + FanOutAmqpBenchmark.DELIVERIES + " deliveries: "
                + FanOutAmqpBenchmark.DELIVERIES + " / N messages of " + FanOutAmqpBenchmark.CONTENT_CHARS
                + " characters published to one topic, each routed to all N subscription queues, and the "
                + "publisher waits until every subscriber has handled every message. Both sides: one connection "
                + "for the publisher and one for the subscribers (a channel each), prefetch "
                + FanOutAmqpBenchmark.PREFETCH + " per subscriber (the default of ioncore's `Subscriber`), "
                + "acknowledged after the handler, auto-delete queues. ioncore publishes with `Publisher` and "
                + "consumes with `Subscriber` processes after the `pubsub` service set the topology up once per "
                + "trial; the raw client declares the same topology itself.\n");
        sb.append("- 64 concurrent callers: 64 virtual threads, each making blocking calls one after the other "
                + "(ioncore: each through its own client process; Pekko: `ask` and wait; raw client: each "
                + "through its own exclusive reply queue), so 64 requests are outstanding at once.\n");
        sb.append("- Acknowledgements over RabbitMQ: the service's worker queue is consumed with prefetch 1 and "
                + "acknowledged after the handler on both sides (ioncore's fixed worker prefetch); reply queues "
                + "with prefetch 64 (ioncore's `process.prefetch`), acknowledged on arrival. Messages are "
                + "non-persistent and no side uses publisher confirms.\n");
        sb.append("- Idle memory: `IdleMemory`, a fresh JVM per side and round (`-Xms2g -Xmx2g "
                + "-XX:+UseSerialGC`), heap in use after five `System.gc()` before and after spawning 100,000, "
                + "divided by 100,000.\n");
        sb.append("- Cold start: `ColdStart` times `bin/ion-cc -a messaging.transport=local --spawn hello --call "
                + "hello hello World --exit-after-call` from launch to the answer on its standard output, after "
                + "one unrecorded run that warms the file cache.\n");
    }

    private static void rounds(StringBuilder sb, List<Results.Line> lines) {
        Map<String, List<Results.Line>> byFigure = new LinkedHashMap<>();
        for (Results.Line l : lines) {
            byFigure.computeIfAbsent(l.variant() + " / " + l.side(), k -> new ArrayList<>()).add(l);
        }
        sb.append("| variant / side | unit | figures in run order (one per round or run) |\n|---|---|---|\n");
        for (Map.Entry<String, List<Results.Line>> e : byFigure.entrySet()) {
            Results.Line first = e.getValue().get(0);
            String unit = Catalogue.ROWS.stream().filter(r -> r.variant().equals(first.variant())).findFirst()
                    .map(Catalogue.Row::unit).orElse(first.unit());
            sb.append("| ").append(e.getKey()).append(" | ").append(unit).append(" | ");
            sb.append(String.join(", ", e.getValue().stream()
                    .map(l -> String.format(Locale.ROOT, "%,.0f", l.score())).toList()));
            sb.append(" |\n");
        }
    }

    private static String cpuModel() {
        return readLines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static String memory() {
        return readLines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> {
                    long kib = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }).orElse("unknown");
    }

    private static String osName() {
        return readLines("/etc/os-release").stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                .orElse(System.getProperty("os.name"));
    }

    private static String loadAverage() {
        List<String> load = readLines("/proc/loadavg");
        if (load.isEmpty()) {
            return "?";
        }
        String[] f = load.get(0).split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    private static String rabbitVersion() {
        if (!Broker.reachable()) {
            return "not reachable at " + Broker.host() + ":" + Broker.port();
        }
        try (Connection c = Broker.rawFactory().newConnection("ion-bench-report")) {
            Object version = c.getServerProperties().get("version");
            return "RabbitMQ " + version + " at " + Broker.host() + ":" + Broker.port()
                    + " (same machine; it shares the cores)";
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String pekkoVersion() {
        return Optional.ofNullable(org.apache.pekko.Version.current()).orElse("?");
    }

    private static String amqpClientVersion() {
        return Optional.ofNullable(com.rabbitmq.client.impl.ClientVersion.VERSION).orElse("?");
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
