package ion.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportMergeTest {
    static final String ONEWAY_TITLE = "One-way over RabbitMQ to a worker queue, manual ack, prefetch 1";

    static Report.Run run(String command, List<String> only, Optional<Report.Earlier> earlier) {
        return new Report.Run(command, "1 min", "settings of " + command, "", "note of " + command, "1 2 3", only,
                earlier);
    }

    static String render(List<Results.Line> now, Report.Run run) {
        List<Results.Line> lines = Report.lines(run, now);
        return Report.render(Report.outcomes(lines, run), lines, run, "");
    }

    static String rowOf(String markdown, String title) {
        return markdown.lines().filter(l -> l.startsWith("| " + title)).findFirst().orElseThrow();
    }

    static final List<Results.Line> FULL_RUN = List.of(
            new Results.Line("oneway-amqp", "ioncore", "1", 8298.4, "ops/s"),
            new Results.Line("oneway-amqp", "ioncore", "2", 9274.2, "ops/s"),
            new Results.Line("oneway-amqp", "rawPrefetchOne", "1", 10491.0, "ops/s"),
            new Results.Line("oneway-amqp", "rawPrefetchOne", "2", 9681.0, "ops/s"),
            new Results.Line("fanout-amqp-4", "ioncore", "1", 1000.0, "ops/s"),
            new Results.Line("fanout-amqp-4", "raw", "1", 4000.0, "ops/s"));

    static final List<Results.Line> FANOUT_RUN = List.of(
            new Results.Line("fanout-amqp-4", "ioncore", "1", 3000.0, "ops/s"),
            new Results.Line("fanout-amqp-4", "raw", "1", 3200.0, "ops/s"));

    @Test
    void mergingKeepsTheOtherRowsVerbatimAndReplacesTheFiguresOfThePartsRunAgain() {
        String earlier = render(FULL_RUN, run("bin/ion-bench", List.of(), Optional.empty()));
        List<String> only = List.of("fanout-amqp");
        Report.Earlier parsed = Report.Earlier.parse(earlier).without(only);

        String merged = render(FANOUT_RUN, run("bin/ion-bench --only fanout-amqp --merge", only,
                Optional.of(parsed)));

        assertEquals(rowOf(earlier, ONEWAY_TITLE), rowOf(merged, ONEWAY_TITLE));
        String fanOut = rowOf(merged, "Pub-sub fan-out over RabbitMQ to 4 subscribers");
        assertTrue(fanOut.contains("| 3,000 |") && fanOut.contains("| 3,200 |") && fanOut.contains("| 0.94 |"),
                fanOut);
        assertTrue(merged.contains("| fanout-amqp-4 / ioncore | deliveries/s | 3,000 |"), merged);
        assertFalse(merged.contains("| fanout-amqp-4 / ioncore | deliveries/s | 1,000"), merged);
        assertTrue(merged.contains("| oneway-amqp / ioncore | msg/s | 8,298, 9,274 |"), merged);
        assertTrue(merged.contains("Command: `bin/ion-bench`"), merged);
        assertTrue(merged.contains("Command: `bin/ion-bench --only fanout-amqp --merge`"), merged);
        assertTrue(merged.contains("- Note: note of bin/ion-bench (earlier run)"), merged);
    }

    @Test
    void mergingAMergedReportAgainDoesNotRepeatTheEarlierRunsLines() {
        List<String> only = List.of("fanout-amqp");
        String first = render(FULL_RUN, run("bin/ion-bench", List.of(), Optional.empty()));
        Report.Run later = run("bin/ion-bench --only fanout-amqp --merge", only,
                Optional.of(Report.Earlier.parse(first).without(only)));
        String once = render(FANOUT_RUN, later);
        Report.Run again = run("bin/ion-bench --only fanout-amqp --merge", only,
                Optional.of(Report.Earlier.parse(once).without(only)));
        String twice = render(FANOUT_RUN, again);

        assertEquals(withoutVolatileLines(once), withoutVolatileLines(twice));
    }

    /** The lines that differ between two renderings of the same figures: the date and the load at the end. */
    static List<String> withoutVolatileLines(String markdown) {
        return markdown.lines().filter(l -> !l.startsWith("Date:") && !l.startsWith("- Load average")).toList();
    }
}
