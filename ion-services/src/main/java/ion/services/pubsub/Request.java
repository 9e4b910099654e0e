package ion.services.pubsub;

import ion.core.messaging.Message;
import ion.services.support.RequestContent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The map content of one pubsub request, with the pubsub service's own fields: topic names and patterns. */
final class Request extends RequestContent {
    private Request(String op, Map<?, ?> content) {
        super(op, content);
    }

    /** The content of {@code request}, which must be a map; no content reads as an empty map. */
    public static Request of(String op, Message request) {
        return new Request(op, map(op, request, true));
    }

    /** A required topic name, checked with {@link TopicNames#topicProblem}. */
    String name(String field) {
        String value = requiredString(field);
        TopicNames.topicProblem(value).ifPresent(p -> {
            throw bad("field '" + field + "': " + p);
        });
        return value;
    }

    /** An optional topic pattern, checked with {@link TopicNames#patternProblem}. */
    Optional<String> pattern(String field) {
        Optional<String> value = optionalString(field);
        value.ifPresent(v -> TopicNames.patternProblem(v).ifPresent(p -> {
            throw bad("malformed pattern in field '" + field + "': " + p);
        }));
        return value;
    }

    /** A list of topic names that must be present and not empty. */
    List<String> names(String field) {
        if (!(value(field).orElse(List.of()) instanceof List<?> list) || list.isEmpty()) {
            throw badRequest("op '" + op() + "' needs field '" + field + "' (a non-empty list of topic names)");
        }
        return list.stream().map(o -> {
            if (!(o instanceof String s)) {
                throw bad("field '" + field + "' must hold strings but holds "
                        + Message.describeType(o));
            }
            TopicNames.topicProblem(s).ifPresent(p -> {
                throw bad("field '" + field + "': " + p);
            });
            return s;
        }).toList();
    }
}
