package ion.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bin/ion-bench} run: one tab-separated line per measurement (variant, side, round,
 * score, unit), appended by each runner to one file and read back by {@link Report}.
 */
public final class Results {
    private Results() {
    }

    /**
     * One measurement.
     *
     * @param variant what was measured, e.g. {@code rpc-amqp-64-1024}
     * @param side the benchmark method (or {@code ioncore}/{@code pekko} for the plain measurements)
     * @param round which round of the interleaved run, from 1
     * @param score the figure
     * @param unit its unit
     */
    public record Line(String variant, String side, String round, double score, String unit) {
        String format() {
            return String.join("\t", variant, side, round, String.format(Locale.ROOT, "%.3f", score), unit);
        }

        static Line parse(String text) {
            String[] f = text.split("\t");
            if (f.length != 5) {
                throw new IllegalArgumentException("not a result line: " + text);
            }
            return new Line(f[0], f[1], f[2], Double.parseDouble(f[3]), f[4]);
        }
    }

    /** Appends a line to the file, creating it if needed. */
    public static void append(Path file, Line line) {
        try {
            Files.writeString(file, line.format() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every line of the file; none if it does not exist. */
    public static List<Line> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Line> lines = new ArrayList<>();
            for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!text.isBlank()) {
                    lines.add(Line.parse(text));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
