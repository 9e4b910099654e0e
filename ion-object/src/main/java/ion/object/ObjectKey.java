package ion.object;

import com.google.protobuf.ByteString;
import java.util.HexFormat;

/**
 * The content address of an object: 20 raw bytes, the SHA-1 computed by {@link Keys#of}. Equal keys mean equal
 * values of equal types. {@link #toString()} is upper-case hex, as R1 logs keys.
 *
 * @param bytes the 20 key bytes
 */
public record ObjectKey(ByteString bytes) {

    /** The length of a key in bytes. */
    public static final int LENGTH = 20;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** Validates the length. */
    public ObjectKey {
        if (bytes.size() != LENGTH) {
            throw new IllegalArgumentException("an object key has " + LENGTH + " bytes, not " + bytes.size());
        }
    }

    /** The key with these bytes (copied). */
    public static ObjectKey of(byte[] bytes) {
        return new ObjectKey(ByteString.copyFrom(bytes));
    }

    /** The key written in hex (either case). */
    public static ObjectKey fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** A copy of the key bytes. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    /** Upper-case hex, 40 characters. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes.toByteArray());
    }
}
