package ion.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code bin/ion-bench} measures: the JMH pairs (each run by {@link PairRunner} in one invocation, its
 * sides interleaved) and the rows of the report, each row naming the figures it compares and its goal.
 */
public final class Catalogue {
    private Catalogue() {
    }

    /**
     * One set of JMH parameters of a pair, run with every side.
     *
     * @param key the name its results are filed under
     * @param label how progress lines name it
     * @param params JMH parameters
     * @param sides the benchmark methods compared, ioncore's first
     */
    public record Variant(String key, String label, Map<String, String> params, List<String> sides) {
    }

    /**
     * A pair: one benchmark class holding every side.
     *
     * @param name the name {@code bin/ion-bench} and {@link PairRunner} know it by
     * @param benchmark the JMH class
     * @param needsBroker true if it runs against RabbitMQ
     * @param variants what to run
     */
    public record Pair(String name, Class<?> benchmark, boolean needsBroker, List<Variant> variants) {
    }

    /** What a row's goal is. */
    public enum GoalKind {
        /** ratio ioncore / baseline at least {@code value}. */
        RATIO_AT_LEAST,
        /** ratio ioncore / baseline at most {@code value}. */
        RATIO_AT_MOST,
        /** ioncore's figure below {@code value}, no baseline. */
        ABSOLUTE_BELOW,
        /** for information, no goal. */
        NONE
    }

    /**
     * A row of the report.
     *
     * @param title the benchmark, as the table names it
     * @param variant the variant whose figures it shows
     * @param ioncoreSide the side giving ioncore's figure
     * @param baselineSide the side giving the baseline's figure; empty for an absolute row
     * @param baselineName how the table names the baseline
     * @param unit the figures' unit
     * @param goal the goal's kind
     * @param goalValue the goal's number
     * @param needsBroker true if it runs against RabbitMQ
     */
    public record Row(String title, String variant, String ioncoreSide, Optional<String> baselineSide,
            String baselineName, String unit, GoalKind goal, double goalValue, boolean needsBroker) {
        /** The goal as the table shows it. */
        public String goalText() {
            return switch (goal) {
                case RATIO_AT_LEAST -> ">= " + goalValue;
                case RATIO_AT_MOST -> "<= " + goalValue;
                case ABSOLUTE_BELOW -> "< " + Math.round(goalValue) + " " + unit;
                case NONE -> "(information)";
            };
        }
    }

    static final List<String> SIZES = List.of("64", "1024", "65536");
    static final List<String> SUBSCRIBERS = List.of("1", "4", "16");

    /** The JMH pairs, in the order {@code bin/ion-bench} runs them. */
    public static final List<Pair> PAIRS = List.of(
            new Pair("oneway-injvm", OneWayInJvmBenchmark.class, false, List.of(
                    new Variant("oneway-injvm", "one-way in-JVM", Map.of(), List.of("ioncore", "pekko")))),
            new Pair("rpc-injvm", RpcInJvmBenchmark.class, false, List.of(
                    new Variant("rpc-injvm-1", "RPC in-JVM, 1 caller", Map.of(),
                            List.of("ioncoreOneCaller", "pekkoOneCaller")),
                    new Variant("rpc-injvm-64", "RPC in-JVM, 64 callers", Map.of(),
                            List.of("ioncoreManyCallers", "pekkoManyCallers")))),
            new Pair("spawn", SpawnBenchmark.class, false, List.of(
                    new Variant("spawn", "spawn + stop", Map.of(), List.of("ioncore", "pekko")))),
            new Pair("rpc-amqp", RpcAmqpBenchmark.class, true, rpcAmqpVariants()),
            new Pair("oneway-amqp", OneWayAmqpBenchmark.class, true, List.of(
                    new Variant("oneway-amqp", "one-way RabbitMQ worker queue", Map.of(),
                            List.of("ioncore", "rawPrefetchOne", "rawRecommendedPrefetch")))),
            new Pair("fanout-amqp", FanOutAmqpBenchmark.class, true, fanOutVariants()));

    private static List<Variant> fanOutVariants() {
        return SUBSCRIBERS.stream().map(n -> new Variant("fanout-amqp-" + n,
                "fan-out RabbitMQ, " + subscribersText(n), Map.of("subscribers", n), List.of("ioncore", "raw")))
                .toList();
    }

    static String subscribersText(String n) {
        return n + (n.equals("1") ? " subscriber" : " subscribers");
    }

    private static List<Variant> rpcAmqpVariants() {
        List<Variant> variants = new java.util.ArrayList<>();
        for (String callers : List.of("1", "64")) {
            for (String size : SIZES) {
                boolean one = callers.equals("1");
                variants.add(new Variant("rpc-amqp-" + callers + "-" + size,
                        "RPC RabbitMQ, " + callers + " caller" + (one ? "" : "s") + ", " + sizeText(size),
                        Map.of("size", size), one ? List.of("ioncoreOneCaller", "rawOneCaller")
                                : List.of("ioncoreManyCallers", "rawManyCallers")));
            }
        }
        return List.copyOf(variants);
    }

    static String sizeText(String bytes) {
        return switch (bytes) {
            case "64" -> "64 B";
            case "1024" -> "1 KiB";
            case "65536" -> "64 KiB";
            default -> bytes + " B";
        };
    }

    /** The rows of the report, in table order. */
    public static final List<Row> ROWS = rows();

    private static List<Row> rows() {
        List<Row> rows = new java.util.ArrayList<>();
        rows.add(new Row("One-way messages between two processes, in-JVM, 64 B", "oneway-injvm", "ioncore",
                Optional.of("pekko"), "Pekko typed `tell`", "msg/s", GoalKind.RATIO_AT_LEAST, 1.0, false));
        rows.add(new Row("RPC round trips in-JVM, 1 caller", "rpc-injvm-1", "ioncoreOneCaller",
                Optional.of("pekkoOneCaller"), "Pekko `ask`", "calls/s", GoalKind.RATIO_AT_LEAST, 1.0, false));
        rows.add(new Row("RPC round trips in-JVM, 64 concurrent callers", "rpc-injvm-64", "ioncoreManyCallers",
                Optional.of("pekkoManyCallers"), "Pekko `ask`", "calls/s", GoalKind.RATIO_AT_LEAST, 1.0, false));
        rows.add(new Row("Spawn rate (spawn + terminate)", "spawn", "ioncore", Optional.of("pekko"),
                "Pekko spawn + stop", "spawns/s", GoalKind.RATIO_AT_LEAST, 1.0, false));
        rows.add(new Row("Idle memory per process (100,000 idle)", "memory", "ioncore", Optional.of("pekko"),
                "Pekko actors", "bytes", GoalKind.RATIO_AT_MOST, 1.0, false));
        for (String callers : List.of("1", "64")) {
            for (String size : SIZES) {
                String variant = "rpc-amqp-" + callers + "-" + size;
                boolean one = callers.equals("1");
                rows.add(new Row("RPC over RabbitMQ, " + (one ? "1 caller" : "64 concurrent callers") + ", "
                        + sizeText(size), variant, one ? "ioncoreOneCaller" : "ioncoreManyCallers",
                        Optional.of(one ? "rawOneCaller" : "rawManyCallers"), "raw `amqp-client`", "calls/s",
                        GoalKind.RATIO_AT_LEAST, 0.9, true));
            }
        }
        rows.add(new Row("One-way over RabbitMQ to a worker queue, manual ack, prefetch 1", "oneway-amqp",
                "ioncore", Optional.of("rawPrefetchOne"), "raw `amqp-client`, prefetch 1", "msg/s",
                GoalKind.RATIO_AT_LEAST, 0.9, true));
        rows.add(new Row("(same, raw side at the recommended prefetch "
                + OneWayAmqpBenchmark.RECOMMENDED_PREFETCH + ")", "oneway-amqp", "ioncore",
                Optional.of("rawRecommendedPrefetch"), "raw `amqp-client`, prefetch "
                        + OneWayAmqpBenchmark.RECOMMENDED_PREFETCH, "msg/s", GoalKind.NONE, 0, true));
        for (String n : SUBSCRIBERS) {
            rows.add(new Row("Pub-sub fan-out over RabbitMQ to " + subscribersText(n) + ", "
                    + FanOutAmqpBenchmark.CONTENT_CHARS + " B, prefetch " + FanOutAmqpBenchmark.PREFETCH
                    + ", manual ack", "fanout-amqp-" + n, "ioncore", Optional.of("raw"), "raw `amqp-client`",
                    "deliveries/s", GoalKind.RATIO_AT_LEAST, 0.9, true));
        }
        rows.add(new Row("Container cold start to first answered `hello`", "coldstart", "ioncore",
                Optional.empty(), "(absolute)", "ms", GoalKind.ABSOLUTE_BELOW, 1000, false));
        return List.copyOf(rows);
    }

    /** The name {@code bin/ion-bench --only} knows a variant's measurement by. */
    public static String partOf(String variant) {
        return PAIRS.stream().filter(p -> p.variants().stream().anyMatch(v -> v.key().equals(variant)))
                .map(Pair::name).findFirst().orElse(variant);
    }

    /** The pair of this name. */
    public static Pair pair(String name) {
        return PAIRS.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pair named '" + name + "'; pairs: "
                        + PAIRS.stream().map(Pair::name).toList()));
    }
}
