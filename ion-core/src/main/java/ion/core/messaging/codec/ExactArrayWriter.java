package ion.core.messaging.codec;

/**
 * Writes msgpack values of the old dialect straight into one array of the size the encoder computed beforehand,
 * so that the encoded body is neither grown nor copied. Each value is written in the form msgpack-java's packer
 * chooses with str8 turned off: integers in their smallest form, strings and byte arrays as raw (fixraw, raw16,
 * raw32), floats as float32, doubles as float64. Writing past the end means the computed size was wrong, which is a
 * bug in the encoder and fails with {@link IllegalStateException}.
 */
final class ExactArrayWriter {
    private final byte[] array;
    private int position;

    ExactArrayWriter(int size) {
        this.array = new byte[size];
    }

    void nil() {
        room(1);
        array[position++] = (byte) 0xc0;
    }

    void bool(boolean value) {
        room(1);
        array[position++] = (byte) (value ? 0xc3 : 0xc2);
    }

    /** An integer in its smallest form, as {@code MessagePacker.packLong} chooses it. */
    void integer(long v) {
        if (v < -(1L << 5)) {
            if (v < -(1L << 15)) {
                if (v < -(1L << 31)) {
                    withLong(0xd3, v);
                } else {
                    withInt(0xd2, (int) v);
                }
            } else if (v < -(1L << 7)) {
                withShort(0xd1, (int) v);
            } else {
                withByte(0xd0, (int) v);
            }
        } else if (v < (1L << 7)) {
            room(1);
            array[position++] = (byte) v;
        } else if (v < (1L << 16)) {
            if (v < (1L << 8)) {
                withByte(0xcc, (int) v);
            } else {
                withShort(0xcd, (int) v);
            }
        } else if (v < (1L << 32)) {
            withInt(0xce, (int) v);
        } else {
            withLong(0xcf, v);
        }
    }

    void float32(float value) {
        withInt(0xca, Float.floatToRawIntBits(value));
    }

    void float64(double value) {
        withLong(0xcb, Double.doubleToRawLongBits(value));
    }

    /** A raw holding {@code payload}. */
    void raw(byte[] payload) {
        int length = payload.length;
        if (length < (1 << 5)) {
            room(1);
            array[position++] = (byte) (0xa0 | length);
        } else if (length < (1 << 16)) {
            withShort(0xda, length);
        } else {
            withInt(0xdb, length);
        }
        room(length);
        System.arraycopy(payload, 0, array, position, length);
        position += length;
    }

    void arrayHeader(int count) {
        containerHeader(0x90, 0xdc, 0xdd, count);
    }

    void mapHeader(int count) {
        containerHeader(0x80, 0xde, 0xdf, count);
    }

    /** The encoded bytes; fails if fewer bytes were written than computed. */
    byte[] toByteArray() {
        if (position != array.length) {
            throw new IllegalStateException("encoder wrote " + position + " bytes but computed " + array.length
                    + "; was a list or map changed while it was being encoded?");
        }
        return array;
    }

    private void containerHeader(int fix, int code16, int code32, int count) {
        if (count < (1 << 4)) {
            room(1);
            array[position++] = (byte) (fix | count);
        } else if (count < (1 << 16)) {
            withShort(code16, count);
        } else {
            withInt(code32, count);
        }
    }

    private void withByte(int code, int v) {
        room(2);
        array[position++] = (byte) code;
        array[position++] = (byte) v;
    }

    private void withShort(int code, int v) {
        room(3);
        array[position++] = (byte) code;
        array[position++] = (byte) (v >>> 8);
        array[position++] = (byte) v;
    }

    private void withInt(int code, int v) {
        room(5);
        array[position++] = (byte) code;
        array[position++] = (byte) (v >>> 24);
        array[position++] = (byte) (v >>> 16);
        array[position++] = (byte) (v >>> 8);
        array[position++] = (byte) v;
    }

    private void withLong(int code, long v) {
        room(9);
        array[position++] = (byte) code;
        for (int shift = 56; shift >= 0; shift -= 8) {
            array[position++] = (byte) (v >>> shift);
        }
    }

    private void room(int length) {
        if (length > array.length - position) {
            throw new IllegalStateException("encoder needs more than the " + array.length
                    + " bytes it computed; was a list or map changed while it was being encoded?");
        }
    }
}
