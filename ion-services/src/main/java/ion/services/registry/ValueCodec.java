package ion.services.registry;

import ion.store.StoreException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Stored values: a msgpack map from strings to strings or integers, in the order given. Enough for the flat
 * records of the registry services; anything else is refused.
 */
final class ValueCodec {
    private ValueCodec() {
    }

    static byte[] encode(Map<String, Object> fields) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packMapHeader(fields.size());
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                packer.packString(e.getKey());
                switch (e.getValue()) {
                    case String s -> packer.packString(s);
                    case Long l -> packer.packLong(l);
                    case Integer i -> packer.packInt(i);
                    default -> throw new IllegalArgumentException("field '" + e.getKey()
                            + "' is neither a string nor an integer");
                }
            }
            return packer.toByteArray();
        } catch (IOException e) {
            throw new StoreException("cannot encode a stored value", e);
        }
    }

    static Map<String, Object> decode(byte[] bytes) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            int n = unpacker.unpackMapHeader();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key = unpacker.unpackString();
                ValueType type = unpacker.getNextFormat().getValueType();
                if (type == ValueType.STRING) {
                    fields.put(key, unpacker.unpackString());
                } else if (type == ValueType.INTEGER) {
                    fields.put(key, unpacker.unpackLong());
                } else {
                    throw new StoreException("stored value has field '" + key + "' of msgpack type " + type);
                }
            }
            return fields;
        } catch (IOException e) {
            throw new StoreException("cannot decode a stored value", e);
        }
    }
}
