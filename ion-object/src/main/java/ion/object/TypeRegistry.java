package ion.object;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import ion.object.proto.AddressBook;
import ion.object.proto.AddressLink;
import ion.object.proto.Branch;
import ion.object.proto.CASRef;
import ion.object.proto.CommitRef;
import ion.object.proto.GPBType;
import ion.object.proto.IDRef;
import ion.object.proto.IngestedDataset;
import ion.object.proto.IonMsg;
import ion.object.proto.MutableNode;
import ion.object.proto.OOIResource;
import ion.object.proto.ParentRef;
import ion.object.proto.Person;
import ion.object.proto.ResourceDescription;
import ion.object.proto.SampleBatch;
import ion.object.proto.Structure;
import ion.object.proto.StructureElement;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps R1 type ids to message types and back. Immutable; build one with {@link #builder()} or take
 * {@link #standard()}, which holds every type of this module. A message type's id is read from the
 * {@code _MessageTypeIdentifier} enum nested in it ({@code _ID}, {@code _VERSION}), as R1 declares it.
 * Lookups of an id or a message type that is not registered throw {@link UnknownTypeException}.
 */
public final class TypeRegistry {

    private static final String ID_ENUM = "_MessageTypeIdentifier";

    private static final TypeRegistry STANDARD = builder()
            .add(StructureElement.getDefaultInstance())
            .add(Structure.getDefaultInstance())
            .add(CASRef.getDefaultInstance())
            .add(IDRef.getDefaultInstance())
            .add(Branch.getDefaultInstance())
            .add(MutableNode.getDefaultInstance())
            .add(ParentRef.getDefaultInstance())
            .add(CommitRef.getDefaultInstance())
            .add(GPBType.getDefaultInstance())
            .add(IonMsg.getDefaultInstance())
            .add(ResourceDescription.getDefaultInstance())
            .add(OOIResource.getDefaultInstance())
            .add(SampleBatch.getDefaultInstance())
            .add(IngestedDataset.getDefaultInstance())
            .add(Person.getDefaultInstance())
            .add(AddressBook.getDefaultInstance())
            .add(AddressLink.getDefaultInstance())
            .build();

    private final SortedMap<TypeId, Message> prototypes;
    private final Map<Descriptor, TypeId> ids;

    private TypeRegistry(SortedMap<TypeId, Message> prototypes, Map<Descriptor, TypeId> ids) {
        this.prototypes = Collections.unmodifiableSortedMap(new TreeMap<>(prototypes));
        this.ids = Map.copyOf(ids);
    }

    /**
     * The registry of every type this module defines: the R1 core types, the resource types, the dataset types of
     * ingestion and the examples.
     */
    public static TypeRegistry standard() {
        return STANDARD;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The type id a message type declares in its nested {@code _MessageTypeIdentifier} enum, if it declares one. */
    public static Optional<TypeId> declaredTypeId(Descriptor descriptor) {
        EnumDescriptor ids = descriptor.findEnumTypeByName(ID_ENUM);
        if (ids == null) {
            return Optional.empty();
        }
        EnumValueDescriptor id = ids.findValueByName("_ID");
        EnumValueDescriptor version = ids.findValueByName("_VERSION");
        if (id == null || version == null) {
            return Optional.empty();
        }
        return Optional.of(new TypeId(id.getNumber(), version.getNumber()));
    }

    /** The prototype (default instance) of the type with this id. */
    public Message prototype(TypeId id) {
        Message prototype = prototypes.get(id);
        if (prototype == null) {
            throw new UnknownTypeException("", id, prototypes.keySet());
        }
        return prototype;
    }

    /** The prototype of the type with this id, if it is registered. */
    public Optional<Message> find(TypeId id) {
        return Optional.ofNullable(prototypes.get(id));
    }

    /** Whether the id is registered. */
    public boolean knows(TypeId id) {
        return prototypes.containsKey(id);
    }

    /** The type id of a message, which must be of a registered type. */
    public TypeId typeOf(MessageOrBuilder message) {
        return typeOf(message.getDescriptorForType());
    }

    /** The type id of a message type, which must be registered. */
    public TypeId typeOf(Descriptor descriptor) {
        TypeId id = ids.get(descriptor);
        if (id == null) {
            String reason = declaredTypeId(descriptor).isPresent() ? "is not registered" : "declares no type id";
            throw new UnknownTypeException(descriptor.getFullName(), reason, prototypes.keySet());
        }
        return id;
    }

    /**
     * Parses a value as the type with this id.
     *
     * @throws UnknownTypeException if the id is not registered
     * @throws InvalidProtocolBufferException if the bytes are not a valid message of that type
     */
    public Message parse(TypeId id, ByteString value) throws InvalidProtocolBufferException {
        return prototype(id).getParserForType().parseFrom(value);
    }

    /** The registered ids, in order. */
    public SortedSet<TypeId> known() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(prototypes.keySet()));
    }

    /** Collects message types for a {@link TypeRegistry}. */
    public static final class Builder {
        private final SortedMap<TypeId, Message> prototypes = new TreeMap<>();
        private final Map<Descriptor, TypeId> ids = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds a message type under the id it declares.
         *
         * @throws IllegalArgumentException if it declares none, or another type has its id
         */
        public Builder add(Message prototype) {
            Descriptor descriptor = prototype.getDescriptorForType();
            TypeId id = declaredTypeId(descriptor).orElseThrow(() -> new IllegalArgumentException(
                    descriptor.getFullName() + " declares no type id (no nested " + ID_ENUM
                            + " with _ID and _VERSION)"));
            return add(id, prototype);
        }

        /**
         * Adds a message type under the given id.
         *
         * @throws IllegalArgumentException if another type has that id, or the type has another id
         */
        public Builder add(TypeId id, Message prototype) {
            Message defaultInstance = prototype.getDefaultInstanceForType();
            Descriptor descriptor = defaultInstance.getDescriptorForType();
            Message previous = prototypes.get(id);
            if (previous != null && previous.getDescriptorForType() != descriptor) {
                throw new IllegalArgumentException("type id " + id + " is already registered for "
                        + previous.getDescriptorForType().getFullName() + ", not " + descriptor.getFullName());
            }
            TypeId previousId = ids.get(descriptor);
            if (previousId != null && !previousId.equals(id)) {
                throw new IllegalArgumentException(descriptor.getFullName() + " is already registered as "
                        + previousId + ", not " + id);
            }
            prototypes.put(id, defaultInstance);
            ids.put(descriptor, id);
            return this;
        }

        /** Adds every type of another registry. */
        public Builder addAll(TypeRegistry other) {
            other.prototypes.forEach(this::add);
            return this;
        }

        /** The registry. */
        public TypeRegistry build() {
            return new TypeRegistry(prototypes, ids);
        }
    }
}
