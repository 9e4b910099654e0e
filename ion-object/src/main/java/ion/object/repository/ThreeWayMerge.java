package ion.object.repository;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import ion.object.proto.CASRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges two versions of a root object against their common ancestor, field by field. For each field: if both
 * sides hold the same value, or only one side changed it, that value is taken; if both changed it differently, a
 * singular embedded message set on both sides is merged the same way one level down, and anything else is a
 * {@link FieldConflict}. A repeated field and a link ({@code CASRef}) are single values: changed as a whole.
 */
final class ThreeWayMerge {

    /** The merged object (the current side's value in conflicting fields) and the conflicts. */
    record Result(Message merged, List<FieldConflict> conflicts) {
    }

    private ThreeWayMerge() {
    }

    /** Merges {@code theirs} into {@code ours}; all three must be of the same message type. */
    static Result merge(Message base, Message ours, Message theirs) {
        List<FieldConflict> conflicts = new ArrayList<>();
        Message merged = merge("", base, ours, theirs, conflicts);
        return new Result(merged, List.copyOf(conflicts));
    }

    private static Message merge(String prefix, Message base, Message ours, Message theirs,
            List<FieldConflict> conflicts) {
        Message.Builder result = ours.toBuilder();
        for (FieldDescriptor field : ours.getDescriptorForType().getFields()) {
            Optional<Object> b = value(base, field);
            Optional<Object> o = value(ours, field);
            Optional<Object> t = value(theirs, field);
            if (o.equals(t) || t.equals(b)) {
                continue;
            }
            if (o.equals(b)) {
                set(result, field, t);
                continue;
            }
            String path = prefix + field.getName();
            if (!field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && field.getMessageType() != CASRef.getDescriptor() && o.isPresent() && t.isPresent()) {
                Message baseValue = b.map(Message.class::cast)
                        .orElse(((Message) o.get()).getDefaultInstanceForType());
                result.setField(field, merge(path + ".", baseValue, (Message) o.get(), (Message) t.get(),
                        conflicts));
                continue;
            }
            conflicts.add(new FieldConflict(path, b, o, t));
        }
        return result.build();
    }

    private static Optional<Object> value(Message message, FieldDescriptor field) {
        if (field.isRepeated()) {
            return message.getRepeatedFieldCount(field) == 0 ? Optional.empty()
                    : Optional.of(List.copyOf((List<?>) message.getField(field)));
        }
        return message.hasField(field) ? Optional.of(message.getField(field)) : Optional.empty();
    }

    private static void set(Message.Builder builder, FieldDescriptor field, Optional<Object> value) {
        builder.clearField(field);
        value.ifPresent(v -> {
            if (field.isRepeated()) {
                ((List<?>) v).forEach(element -> builder.addRepeatedField(field, element));
            } else {
                builder.setField(field, Objects.requireNonNull(v));
            }
        });
    }
}
