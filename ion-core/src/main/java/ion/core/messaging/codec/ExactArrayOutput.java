package ion.core.messaging.codec;

import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * A packer output that writes straight into one array of the size the encoder computed beforehand, so that
 * the encoded body is neither grown nor copied. Writing past the end means the computed size was wrong, which
 * is a bug in the encoder and fails with {@link IllegalStateException}.
 */
final class ExactArrayOutput implements MessageBufferOutput {
    private final byte[] array;
    private int position;

    ExactArrayOutput(int size) {
        this.array = new byte[size];
    }

    @Override
    public MessageBuffer next(int minimumSize) {
        requireRoom(minimumSize);
        return MessageBuffer.wrap(array, position, array.length - position);
    }

    @Override
    public void writeBuffer(int length) {
        requireRoom(length);
        position += length;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        requireRoom(length);
        System.arraycopy(buffer, offset, array, position, length);
        position += length;
    }

    @Override
    public void add(byte[] buffer, int offset, int length) {
        write(buffer, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The encoded bytes; fails if fewer bytes were written than computed. */
    byte[] toByteArray() {
        if (position != array.length) {
            throw new IllegalStateException("encoder wrote " + position + " bytes but computed " + array.length
                    + "; was a list or map changed while it was being encoded?");
        }
        return array;
    }

    private void requireRoom(int length) {
        if (length > array.length - position) {
            throw new IllegalStateException("encoder needs more than the " + array.length
                    + " bytes it computed; was a list or map changed while it was being encoded?");
        }
    }
}
