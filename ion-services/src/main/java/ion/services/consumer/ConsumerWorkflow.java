package ion.services.consumer;

import ion.services.support.RequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a workflow description into the consumers to spawn, as R1's pubsub did: a map from consumer name to
 * {@code {type, attach, process_parameters?, delivery_interval?, delivery_queues?}}, where {@code type} is a
 * registered consumer type (e.g. {@value ForwardingConsumer#TYPE}) and {@code attach} is a source, or a list
 * whose items are sources or {@code [producer, keyword]} pairs; a source is a queue name, an
 * {@code {exchange, topic}} map or a {@code {subscription}} map (see {@link ConsumerProcess}). A pair attaches the consumer to what the named
 * consumer of the same workflow delivers under that keyword: to the queue the producer's {@code delivery_queues}
 * give for the keyword, else to an intermediate queue {@code <prefix>.<producer>.<keyword>} that the planner adds
 * to the producer's delivery queues.
 *
 * <p>The stages come downstream first, so that spawning them in order attaches every consumer before anything
 * is delivered to it.
 */
public final class ConsumerWorkflow {
    /** The description field naming the consumer type. */
    public static final String TYPE_FIELD = "type";

    private ConsumerWorkflow() {
    }

    /**
     * One consumer to spawn.
     *
     * @param name the consumer's name in the workflow, used as its process name
     * @param type its registered process type
     * @param spawnArgs its spawn arguments ({@link ConsumerProcess#ATTACH_ARG} and the others)
     */
    public record Stage(String name, String type, Map<String, Object> spawnArgs) {
        /** Copies the arguments. */
        public Stage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            spawnArgs = Collections.unmodifiableMap(new LinkedHashMap<>(spawnArgs));
        }
    }

    /**
     * The stages of {@code workflow}, downstream first.
     *
     * @param prefix the first part of the intermediate queues' names; a name with a dot, so that it is used as
     *               given, such as the chain process's id
     * @throws InvalidWorkflowException naming the consumer and field if the description is wrong: not a map, a
     *         missing type or attach, a malformed field, a pair naming an unknown producer or the consumer itself,
     *         or a cycle
     */
    public static List<Stage> plan(Object workflow, String prefix) {
        if (!(workflow instanceof Map<?, ?> description) || description.isEmpty()) {
            throw new InvalidWorkflowException("a workflow must be a non-empty map from consumer name to its "
                    + "description");
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : description.entrySet()) {
            if (!(e.getKey() instanceof String name) || name.isBlank()) {
                throw new InvalidWorkflowException("workflow consumer names must be non-empty strings, not "
                        + e.getKey());
            }
            drafts.put(name, draft(name, e.getValue()));
        }
        Map<String, List<String>> consumersOf = new HashMap<>();
        for (Draft d : drafts.values()) {
            for (Object item : d.attachItems) {
                if (!(item instanceof List<?>)) {
                    d.attach.add(item);
                    continue;
                }
                List<?> pair = (List<?>) item;
                String producer = (String) pair.get(0);
                String keyword = (String) pair.get(1);
                Draft from = drafts.get(producer);
                if (from == null || from == d) {
                    throw new InvalidWorkflowException("consumer '" + d.name + "': field 'attach' names producer '"
                            + producer + "', which is " + (from == null ? "not in the workflow" : "itself"));
                }
                String queue = from.deliveryQueues.computeIfAbsent(keyword, k -> prefix + "." + producer + "." + k);
                d.attach.add(queue);
                consumersOf.computeIfAbsent(producer, k -> new ArrayList<>()).add(d.name);
            }
        }
        List<Stage> order = new ArrayList<>();
        Map<String, Boolean> done = new HashMap<>();
        for (String name : drafts.keySet()) {
            visit(name, drafts, consumersOf, done, order);
        }
        return order;
    }

    /** Adds {@code name} after every consumer it delivers to; {@code done} is false while on the path. */
    private static void visit(String name, Map<String, Draft> drafts, Map<String, List<String>> consumersOf,
            Map<String, Boolean> done, List<Stage> order) {
        Boolean state = done.get(name);
        if (Boolean.TRUE.equals(state)) {
            return;
        }
        if (Boolean.FALSE.equals(state)) {
            throw new InvalidWorkflowException("the workflow has a cycle through consumer '" + name + "'");
        }
        done.put(name, false);
        for (String consumer : consumersOf.getOrDefault(name, List.of())) {
            visit(consumer, drafts, consumersOf, done, order);
        }
        done.put(name, true);
        order.add(drafts.get(name).stage());
    }

    private static Draft draft(String name, Object value) {
        if (!(value instanceof Map<?, ?> spec)) {
            throw new InvalidWorkflowException("consumer '" + name + "' must be described by a map");
        }
        Draft d = new Draft(name);
        try {
            d.type = ConsumerArgs.nonBlank(TYPE_FIELD, spec.get(TYPE_FIELD));
            Object attach = spec.get(ConsumerProcess.ATTACH_ARG);
            List<?> items = attach instanceof List<?> l ? l : attach == null ? List.of() : List.of(attach);
            if (items.isEmpty()) {
                throw ConsumerArgs.badRequest("'attach' names no queue");
            }
            for (Object item : items) {
                if (item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String p
                        && !p.isBlank() && pair.get(1) instanceof String k && !k.isBlank()) {
                    d.attachItems.add(pair);
                } else if (item instanceof Map<?, ?> sub && sub.containsKey(ConsumerArgs.SUBSCRIPTION)) {
                    d.attachItems.add(Map.of(ConsumerArgs.SUBSCRIPTION, ConsumerArgs.nonBlank(
                            "attach item '" + ConsumerArgs.SUBSCRIPTION + "'", sub.get(ConsumerArgs.SUBSCRIPTION))));
                } else if (item instanceof Map<?, ?> topic) {
                    d.attachItems.add(Map.of("exchange", ConsumerArgs.nonBlank("attach item 'exchange'",
                            topic.get("exchange")), "topic", ConsumerArgs.nonBlank("attach item 'topic'",
                            topic.get("topic"))));
                } else {
                    d.attachItems.add(ConsumerArgs.nonBlank("attach item (a queue name, an {exchange, topic} map, "
                            + "a {subscription} map or a [producer, keyword] pair)", item));
                }
            }
            Map<String, Object> params = ConsumerArgs.map(ConsumerProcess.PROCESS_PARAMETERS_ARG,
                    spec.get(ConsumerProcess.PROCESS_PARAMETERS_ARG));
            if (!params.isEmpty()) {
                d.args.put(ConsumerProcess.PROCESS_PARAMETERS_ARG, params);
            }
            Object interval = spec.get(ConsumerProcess.DELIVERY_INTERVAL_ARG);
            ConsumerArgs.interval(ConsumerProcess.DELIVERY_INTERVAL_ARG, interval)
                    .ifPresent(i -> d.args.put(ConsumerProcess.DELIVERY_INTERVAL_ARG, interval));
            d.deliveryQueues.putAll(ConsumerArgs.queueMap(ConsumerProcess.DELIVERY_QUEUES_ARG,
                    spec.get(ConsumerProcess.DELIVERY_QUEUES_ARG)));
        } catch (RequestException e) {
            throw new InvalidWorkflowException("consumer '" + name + "': field " + e.getMessage());
        }
        return d;
    }

    /** A consumer while the plan is made. */
    private static final class Draft {
        final String name;
        final List<Object> attachItems = new ArrayList<>();
        final List<Object> attach = new ArrayList<>();
        final Map<String, Object> args = new LinkedHashMap<>();
        final Map<String, String> deliveryQueues = new LinkedHashMap<>();
        String type;

        Draft(String name) {
            this.name = name;
        }

        Stage stage() {
            Map<String, Object> spawnArgs = new LinkedHashMap<>();
            spawnArgs.put(ConsumerProcess.ATTACH_ARG, List.copyOf(attach));
            spawnArgs.putAll(args);
            if (!deliveryQueues.isEmpty()) {
                spawnArgs.put(ConsumerProcess.DELIVERY_QUEUES_ARG, new LinkedHashMap<>(deliveryQueues));
            }
            return new Stage(name, type, spawnArgs);
        }
    }
}
