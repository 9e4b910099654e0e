package ion.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Container cold start: the wall-clock time from launching
 * {@code bin/ion-cc -a messaging.transport=local --spawn hello --call hello hello World --exit-after-call} (a
 * new JVM with an in-JVM broker) to the moment its answer {@code Hello there, World} appears on its standard
 * output. One unrecorded run first warms the operating system's file cache; then each run is recorded.
 *
 * <p>Usage: {@code ColdStart ION_HOME RUNS RESULTS_FILE}; appends one line per run (milliseconds).
 */
public final class ColdStart {
    static final String ANSWER = "Hello there, World";
    static final List<String> ARGUMENTS = List.of("-a", "messaging.transport=local", "--spawn", "hello", "--call",
            "hello", "hello", "World", "--exit-after-call");

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ColdStart ION_HOME RUNS RESULTS_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path results = Path.of(args[2]);
        once(home);
        List<Double> millis = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double ms = once(home);
            millis.add(ms);
            Results.append(results, new Results.Line("coldstart", "ioncore", Integer.toString(run), ms, "ms"));
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  cold start to first answered hello: median %.0f ms (runs: %s)%n",
                sorted[sorted.length / 2], Arrays.toString(millis.stream().mapToLong(Math::round).toArray()));
    }

    /** Launches ion-cc once; returns the milliseconds from launch to the answer line. */
    static double once(Path home) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve("ion-cc").toAbsolutePath().toString());
        command.addAll(ARGUMENTS);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
        long answered = -1;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (answered < 0 && line.equals(ANSWER)) {
                    answered = System.nanoTime();
                }
                output.add(line);
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        watchdog.interrupt();
        if (answered < 0 || process.exitValue() != 0) {
            throw new IllegalStateException("bin/ion-cc did not answer (exit " + process.exitValue() + "):\n"
                    + String.join("\n", output));
        }
        return (answered - start) / 1e6;
    }
}
