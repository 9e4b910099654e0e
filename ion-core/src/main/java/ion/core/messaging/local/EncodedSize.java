package ion.core.messaging.local;

import ion.core.messaging.Message;
import java.util.List;
import java.util.Map;

/**
 * Estimates the size a message would have on the R1 wire, so that the in-JVM transport refuses the same
 * oversized messages the AMQP transport does without encoding anything. Exact for strings and byte arrays,
 * which dominate large messages; a small constant per other value.
 */
final class EncodedSize {
    private static final int VALUE_OVERHEAD = 9;

    private EncodedSize() {
    }

    /** The estimated size; stops counting once it exceeds {@code limit}. */
    static long estimate(Message message, long limit) {
        long size = 5;
        for (Map.Entry<String, Object> e : message.headers().entrySet()) {
            size += e.getKey().length() + 1 + of(e.getValue(), limit);
        }
        return size + 8 + message.content().map(c -> of(c, limit)).orElse(1L);
    }

    private static long of(Object value, long limit) {
        if (value instanceof String s) {
            return utf8Length(s, limit) + 5;
        }
        if (value instanceof byte[] b) {
            return b.length + 5L;
        }
        if (value instanceof Map<?, ?> m) {
            long size = 5;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                size += of(e.getKey(), limit) + of(e.getValue(), limit);
                if (size > limit) {
                    return size;
                }
            }
            return size;
        }
        if (value instanceof List<?> l) {
            long size = 5;
            for (Object o : l) {
                size += of(o, limit);
                if (size > limit) {
                    return size;
                }
            }
            return size;
        }
        return VALUE_OVERHEAD;
    }

    private static long utf8Length(String s, long limit) {
        int n = s.length();
        if (n < 256 || (long) n * 3 <= limit / 4) {
            return n;
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
