package ion.core.messaging.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/** Helpers shared by the codec tests: hex, structural inspection of bodies, hand-made bodies. */
final class WireTestSupport {
    private WireTestSupport() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /**
     * The format byte of every value in a msgpack body, in order, with payloads skipped: a check of these
     * bytes cannot be fooled by payload bytes that happen to look like format bytes.
     */
    static List<Integer> formatBytes(byte[] body) {
        List<Integer> formats = new ArrayList<>();
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(body)) {
            while (in.hasNext()) {
                walk(in, body, formats);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return formats;
    }

    private static void walk(MessageUnpacker in, byte[] body, List<Integer> formats) throws IOException {
        formats.add(body[(int) in.getTotalReadBytes()] & 0xff);
        switch (in.getNextFormat().getValueType()) {
            case ARRAY -> {
                int n = in.unpackArrayHeader();
                for (int i = 0; i < n; i++) {
                    walk(in, body, formats);
                }
            }
            case MAP -> {
                int n = in.unpackMapHeader();
                for (int i = 0; i < 2 * n; i++) {
                    walk(in, body, formats);
                }
            }
            default -> in.skipValue();
        }
    }

    /** Packs a body by hand, with a packer of the current msgpack dialect (str8 and bin enabled). */
    static byte[] modernBody(PackSteps steps) {
        try (var packer = MessagePack.newDefaultBufferPacker()) {
            steps.pack(packer);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a raw (old dialect: fixraw, raw16 or raw32) holding these bytes. */
    static void raw(MessagePacker packer, byte[] bytes) throws IOException {
        if (bytes.length < 32) {
            packer.packRawStringHeader(bytes.length);
        } else if (bytes.length < 65536) {
            packer.addPayload(new byte[] {(byte) 0xda, (byte) (bytes.length >>> 8), (byte) bytes.length});
        } else {
            packer.addPayload(new byte[] {(byte) 0xdb, (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                    (byte) (bytes.length >>> 8), (byte) bytes.length});
        }
        packer.writePayload(bytes);
    }

    /** Writes a raw holding the UTF-8 bytes of the text. */
    static void raw(MessagePacker packer, String text) throws IOException {
        raw(packer, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Replaces every {@code byte[]} in a value by {@link Bytes}, so that values compare with equals. */
    static Object comparable(Object value) {
        if (value instanceof byte[] b) {
            return new Bytes(HexFormat.of().formatHex(b));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(comparable(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(comparable(k), comparable(v)));
            return out;
        }
        return value;
    }

    /** A byte array that compares by content. */
    record Bytes(String hex) {
    }

    /** Packing steps that may throw {@link IOException}. */
    @FunctionalInterface
    interface PackSteps {
        void pack(MessagePacker packer) throws IOException;
    }
}
