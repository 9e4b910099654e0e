package ion.object;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * R1's content key: {@code SHA1( SHA1(value) || GPBType bytes )}, where {@code value} is the object's protobuf
 * serialization and the second part is the serialized {@link TypeId}. Including the type gives equal bytes of
 * different types different keys. The leaf flag is not part of the key.
 */
public final class Keys {
    private Keys() {
    }

    /** The key of an object's serialized value and its type. */
    public static ObjectKey of(ByteString value, TypeId type) {
        MessageDigest sha1 = sha1();
        value.asReadOnlyByteBufferList().forEach(sha1::update);
        byte[] inner = sha1.digest();
        sha1.update(inner);
        sha1.update(type.toGpbType().toByteArray());
        return ObjectKey.of(sha1.digest());
    }

    /** The key of an object's serialized value and its type. */
    public static ObjectKey of(byte[] value, TypeId type) {
        return of(ByteString.copyFrom(value), type);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }
}
