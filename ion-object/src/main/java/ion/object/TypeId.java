package ion.object;

import ion.object.proto.GPBType;

/**
 * An R1 type id: the object id that a message type declares in its {@code _MessageTypeIdentifier} enum, and
 * its version (1 for every R1 type). On the wire it is a {@link GPBType}.
 *
 * @param objectId the object id, for example 20001 for {@code Person}
 * @param version the version (1 for every R1 type)
 */
public record TypeId(int objectId, int version) implements Comparable<TypeId> {

    /** Validates the id. */
    public TypeId {
        if (objectId < 0) {
            throw new IllegalArgumentException("object id must not be negative: " + objectId);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /** The id with version 1, as R1 always writes it. */
    public static TypeId of(int objectId) {
        return new TypeId(objectId, 1);
    }

    /** The id a {@link GPBType} names. */
    public static TypeId of(GPBType type) {
        return new TypeId(type.getObjectId(), type.getVersion());
    }

    /** This id as the wire message. */
    public GPBType toGpbType() {
        return GPBType.newBuilder().setObjectId(objectId).setVersion(version).build();
    }

    @Override
    public int compareTo(TypeId other) {
        int byId = Integer.compare(objectId, other.objectId);
        return byId != 0 ? byId : Integer.compare(version, other.version);
    }

    /** {@code <objectId>/v<version>}, for example {@code 20001/v1}. */
    @Override
    public String toString() {
        return objectId + "/v" + version;
    }
}
