package ion.object;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import ion.object.proto.CASRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link CASRef} links of an object: every {@code CASRef} field, at any depth of nested messages,
 * in field-number order (the order of the serialized bytes), repeated fields element by element. An object
 * without links is a leaf.
 */
public final class Links {
    private Links() {
    }

    /** The links of an object, in serialization order. */
    public static List<CASRef> of(MessageOrBuilder object) {
        List<CASRef> links = new ArrayList<>();
        collect(object, links);
        return List.copyOf(links);
    }

    /** Whether an object has no links. */
    public static boolean isLeaf(MessageOrBuilder object) {
        return of(object).isEmpty();
    }

    private static void collect(MessageOrBuilder object, List<CASRef> links) {
        for (Map.Entry<FieldDescriptor, Object> field : object.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (descriptor.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (descriptor.isRepeated()) {
                for (Object element : (List<?>) field.getValue()) {
                    visit((Message) element, links);
                }
            } else {
                visit((Message) field.getValue(), links);
            }
        }
    }

    private static void visit(Message value, List<CASRef> links) {
        if (value.getDescriptorForType() == CASRef.getDescriptor()) {
            links.add(value instanceof CASRef ref ? ref : CASRef.newBuilder().mergeFrom(value).build());
        } else {
            collect(value, links);
        }
    }
}
