package ion.services.support;

import ion.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The stored form of the flat records services keep in their stores: a msgpack map from strings to strings,
 * integers, booleans or lists of strings, in the order given. Integers read back as {@code Long}. A value of
 * another type is refused with {@link IllegalArgumentException} on encode; bytes that are not such a map, with
 * {@link StoreException} on decode.
 */
public final class RecordCodec {
    private RecordCodec() {
    }

    /** The bytes of {@code fields}. */
    public static byte[] encode(Map<String, Object> fields) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packMapHeader(fields.size());
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                packer.packString(e.getKey());
                switch (e.getValue()) {
                    case String s -> packer.packString(s);
                    case Integer i -> packer.packInt(i);
                    case Long l -> packer.packLong(l);
                    case Boolean b -> packer.packBoolean(b);
                    case List<?> list -> {
                        packer.packArrayHeader(list.size());
                        for (Object o : list) {
                            packer.packString((String) o);
                        }
                    }
                    default -> throw new IllegalArgumentException("field '" + e.getKey() + "' cannot be stored: "
                            + e.getValue().getClass().getSimpleName());
                }
            }
            return packer.toByteArray();
        } catch (IOException e) {
            throw new StoreException("cannot encode a record", e);
        }
    }

    /** The fields encoded in {@code bytes}. */
    public static Map<String, Object> decode(byte[] bytes) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            int n = unpacker.unpackMapHeader();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = unpacker.unpackString();
                Object value = switch (unpacker.getNextFormat().getValueType()) {
                    case STRING -> unpacker.unpackString();
                    case INTEGER -> unpacker.unpackLong();
                    case BOOLEAN -> unpacker.unpackBoolean();
                    case ARRAY -> {
                        int size = unpacker.unpackArrayHeader();
                        List<String> list = new ArrayList<>(size);
                        for (int j = 0; j < size; j++) {
                            list.add(unpacker.unpackString());
                        }
                        yield list;
                    }
                    default -> throw new StoreException("stored record field '" + key + "' has an unexpected type");
                };
                fields.put(key, value);
            }
            return fields;
        } catch (IOException e) {
            throw new StoreException("cannot decode a record", e);
        }
    }
}
