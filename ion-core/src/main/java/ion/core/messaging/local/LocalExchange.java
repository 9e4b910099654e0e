package ion.core.messaging.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic exchange of the in-JVM broker. Literal binding keys are looked up by hash; patterns are scanned. */
final class LocalExchange {
    private record PatternBinding(TopicPattern pattern, LocalQueue queue) {
    }

    private final String name;
    private final Map<String, Set<LocalQueue>> literalBindings = new ConcurrentHashMap<>();
    private final Map<LocalQueue, Set<String>> literalKeysByQueue = new ConcurrentHashMap<>();
    private final List<PatternBinding> patternBindings = new CopyOnWriteArrayList<>();

    LocalExchange(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void bind(LocalQueue queue, String bindingKey) {
        TopicPattern pattern = new TopicPattern(bindingKey);
        if (pattern.isLiteral()) {
            literalKeysByQueue.compute(queue, (q, keys) -> with(keys, bindingKey));
            literalBindings.compute(bindingKey, (k, queues) -> with(queues, queue));
        } else {
            PatternBinding binding = new PatternBinding(pattern, queue);
            if (patternBindings.stream().noneMatch(b -> b.pattern().key().equals(bindingKey) && b.queue() == queue)) {
                patternBindings.add(binding);
            }
        }
    }

    void unbind(LocalQueue queue, String bindingKey) {
        literalKeysByQueue.computeIfPresent(queue, (q, keys) -> without(keys, bindingKey));
        literalBindings.computeIfPresent(bindingKey, (k, queues) -> without(queues, queue));
        patternBindings.removeIf(b -> b.pattern().key().equals(bindingKey) && b.queue() == queue);
    }

    void unbindAll(LocalQueue queue) {
        Set<String> keys = literalKeysByQueue.remove(queue);
        if (keys != null) {
            for (String key : keys) {
                literalBindings.computeIfPresent(key, (k, queues) -> without(queues, queue));
            }
        }
        patternBindings.removeIf(b -> b.queue() == queue);
    }

    /**
     * Adds to a set held in a map, inside the map's atomic compute, so that a concurrent removal of the set's last
     * element cannot drop the set between its creation and the addition.
     */
    private static <T> Set<T> with(Set<T> set, T element) {
        Set<T> result = set == null ? ConcurrentHashMap.newKeySet() : set;
        result.add(element);
        return result;
    }

    private static <T> Set<T> without(Set<T> set, T element) {
        set.remove(element);
        return set.isEmpty() ? null : set;
    }

    /** The queues a message with this routing key goes to, each once. */
    List<LocalQueue> route(String routingKey) {
        Set<LocalQueue> literal = literalBindings.get(routingKey);
        if (patternBindings.isEmpty()) {
            return literal == null ? List.of() : List.copyOf(literal);
        }
        List<LocalQueue> result = literal == null ? new ArrayList<>() : new ArrayList<>(literal);
        for (PatternBinding b : patternBindings) {
            if (!result.contains(b.queue()) && b.pattern().matches(routingKey)) {
                result.add(b.queue());
            }
        }
        return result;
    }
}
