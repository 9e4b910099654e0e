package ion.core.messaging.codec;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import ion.core.messaging.HeaderNames;

/**
 * Salvages the short string headers of a body that cannot be decoded (malformed, or too large to decode), so
 * that the receiver can still address an error reply. Streams through the top-level map and skips every other
 * value without reading it; stops quietly at the first byte that is not msgpack.
 */
final class LegibleHeaders {
    /** Longest header value kept; names, ids and codes are far shorter. */
    static final int MAX_VALUE_BYTES = 4096;
    private static final int MAX_NAME_BYTES = 256;
    /** Headers not named in {@link HeaderNames} kept at most, so a flood of junk keys cannot use up memory. */
    private static final int MAX_OTHER_HEADERS = 32;

    private static final Set<String> KNOWN = known();

    private LegibleHeaders() {
    }

    /** The string-valued headers that could be read, in wire order; never {@code content} or {@code conv-seq}. */
    static Map<String, Object> scan(byte[] body) {
        Map<String, Object> found = new LinkedHashMap<>();
        MessageUnpacker in = MessagePack.newDefaultUnpacker(body);
        RawText text = new RawText();
        try {
            if (!in.hasNext()) {
                return found;
            }
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED || format.getValueType() != ValueType.MAP) {
                return found;
            }
            int entries = in.unpackMapHeader();
            int others = 0;
            for (int i = 0; i < entries; i++) {
                String name = shortString(in, body, text, MAX_NAME_BYTES);
                if (name == null || name.equals(HeaderNames.CONTENT) || name.equals(HeaderNames.CONV_SEQ)) {
                    in.skipValue();
                    continue;
                }
                String value = shortString(in, body, text, MAX_VALUE_BYTES);
                if (value == null) {
                    continue;
                }
                if (KNOWN.contains(name)) {
                    found.put(name, value);
                } else if (others < MAX_OTHER_HEADERS) {
                    found.put(name, value);
                    others++;
                }
            }
        } catch (MessagePackException | IOException e) {
            // The rest of the body is not legible; what was found before stands.
        }
        return found;
    }

    /**
     * Reads the next value if it is a raw of at most {@code max} bytes of UTF-8 text; otherwise moves past it and
     * returns {@code null}. A raw that claims more bytes than the body has left ends the scan.
     */
    private static String shortString(MessageUnpacker in, byte[] body, RawText text, int max) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NEVER_USED || format.getValueType() != ValueType.STRING) {
            in.skipValue();
            return null;
        }
        int length = in.unpackRawStringHeader();
        long offset = in.getTotalReadBytes();
        if (length > body.length - offset) {
            throw new MessageInsufficientBufferException();
        }
        in.readPayloadAsReference(length);
        return length > max ? null : text.decode(body, (int) offset, length);
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(HeaderNames.WIRE_ORDER);
        names.add(HeaderNames.CONV_ROOT);
        return Set.copyOf(names);
    }
}
