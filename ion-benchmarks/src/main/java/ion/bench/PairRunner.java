package ion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one pair of {@link Catalogue} in one invocation, its sides interleaved: for each variant, {@code rounds}
 * rounds, each running every side once in a fresh JMH fork, in the listed order in odd rounds and in reverse
 * order in even rounds (A B, B A, A B, ...). Machine noise during the run thus falls on both sides alike, and
 * neither side always runs first. Each fork's score goes to the results file; JMH's own output of each fork goes
 * to a log file of its own. A fork that fails (for example while the broker restarts) is retried twice.
 *
 * <p>Usage: {@code PairRunner PAIR RESULTS_FILE LOG_DIR [--rounds N] [--warmup N] [--warmup-ms MS]
 * [--iterations N] [--iteration-ms MS] [--jvm-args "ARGS"] [--profile PROFILER[:OPTIONS]]}, where
 * {@code --profile} names a JMH profiler, e.g. {@code jfr:dir=/some/folder}.
 */
public final class PairRunner {
    private static final int RETRIES = 2;

    /** How each fork runs. */
    record Settings(int rounds, int warmups, long warmupMillis, int iterations, long iterationMillis,
            List<String> jvmArgs, String profiler) {
    }

    private PairRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PairRunner PAIR RESULTS_FILE LOG_DIR [--rounds N] [--warmup N] [--warmup-ms MS]"
                    + " [--iterations N] [--iteration-ms MS] [--jvm-args \"ARGS\"] [--profile PROFILER]");
            System.exit(2);
        }
        Catalogue.Pair pair = Catalogue.pair(args[0]);
        Path results = Path.of(args[1]);
        Path logs = Path.of(args[2]);
        Files.createDirectories(logs);
        int rounds = 2;
        int warmups = 3;
        long warmupMillis = 1000;
        int iterations = 4;
        long iterationMillis = 1000;
        List<String> jvmArgs = List.of();
        String profiler = "";
        for (int i = 3; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup" -> warmups = Integer.parseInt(value);
                case "--warmup-ms" -> warmupMillis = Long.parseLong(value);
                case "--iterations" -> iterations = Integer.parseInt(value);
                case "--iteration-ms" -> iterationMillis = Long.parseLong(value);
                case "--jvm-args" -> jvmArgs = Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty())
                        .toList();
                case "--profile" -> profiler = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Settings settings = new Settings(rounds, warmups, warmupMillis, iterations, iterationMillis, jvmArgs,
                profiler);
        int failures = run(pair, settings, results, logs);
        System.exit(failures == 0 ? 0 : 1);
    }

    /** Runs the pair; returns the number of forks that failed even after retrying. */
    static int run(Catalogue.Pair pair, Settings settings, Path results, Path logs) throws IOException {
        int failures = 0;
        for (Catalogue.Variant variant : pair.variants()) {
            for (int round = 1; round <= settings.rounds(); round++) {
                List<String> order = new ArrayList<>(variant.sides());
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (String side : order) {
                    if (!runFork(pair, variant, side, round, settings, results, logs)) {
                        failures++;
                    }
                }
            }
        }
        return failures;
    }

    private static boolean runFork(Catalogue.Pair pair, Catalogue.Variant variant, String side, int round,
            Settings settings, Path results, Path logs) {
        String name = pair.benchmark().getName() + "." + side;
        Path log = logs.resolve(variant.key() + "-" + side + "-r" + round + ".log");
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            long start = System.nanoTime();
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("^" + Pattern.quote(name) + "$")
                    .forks(1)
                    .warmupIterations(settings.warmups())
                    .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                    .measurementIterations(settings.iterations())
                    .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .jvmArgs(settings.jvmArgs().toArray(String[]::new))
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.NORMAL)
                    .output(log.toString());
            variant.params().forEach(options::param);
            if (!settings.profiler().isEmpty()) {
                int colon = settings.profiler().indexOf(':');
                if (colon < 0) {
                    options.addProfiler(settings.profiler());
                } else {
                    options.addProfiler(settings.profiler().substring(0, colon),
                            settings.profiler().substring(colon + 1));
                }
            }
            try {
                Collection<RunResult> run = new Runner(options.build()).run();
                if (run.size() != 1) {
                    throw new RunnerException("expected one result for " + name + ", got " + run.size());
                }
                double score = run.iterator().next().getPrimaryResult().getScore();
                double error = run.iterator().next().getPrimaryResult().getScoreError();
                Results.append(results, new Results.Line(variant.key(), side, Integer.toString(round), score,
                        "ops/s"));
                System.out.printf(Locale.ROOT, "  %-40s round %d  %-24s %,14.0f/s  (+-%,.0f; %.0f s)%n",
                        variant.label(), round, side, score, Double.isNaN(error) ? 0.0 : error,
                        (System.nanoTime() - start) / 1e9);
                return true;
            } catch (RunnerException | RuntimeException e) {
                System.out.printf(Locale.ROOT, "  %-40s round %d  %-24s FAILED (%s); see %s%n", variant.label(),
                        round, side, e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage()),
                        log);
                if (attempt < RETRIES) {
                    System.out.println("    retrying in 5 s");
                    sleep(5_000);
                }
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
