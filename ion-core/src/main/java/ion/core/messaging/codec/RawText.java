package ion.core.messaging.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a msgpack raw into text when they are valid UTF-8; a known header name or value (see
 * {@link KnownStrings}) comes back as the shared constant. One instance serves one decode call on
 * one thread: it keeps a strict (REPORT, never replace) UTF-8 decoder, created the first time a raw is not plain
 * ASCII.
 */
final class RawText {
    /** Eight bytes at a time, for the ASCII test. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080808080808080L;

    private CharsetDecoder decoder;

    /**
     * The text of {@code bytes[offset, offset + length)}, or {@code null} when those bytes are not valid UTF-8
     * (overlong forms, encoded surrogates and truncated sequences are all invalid).
     */
    String decode(byte[] bytes, int offset, int length) {
        String known = KnownStrings.lookup(bytes, offset, length);
        if (known != null) {
            return known;
        }
        if (isAscii(bytes, offset, length)) {
            // ASCII bytes read the same in ISO-8859-1, whose decoding is a plain copy into a compact string.
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        decoder.reset();
        // UTF-8 never yields more chars than it has bytes, so the output buffer cannot overflow.
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, offset, length), out, true);
        if (result.isError()) {
            return null;
        }
        if (decoder.flush(out).isError()) {
            return null;
        }
        out.flip();
        return out.toString();
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
