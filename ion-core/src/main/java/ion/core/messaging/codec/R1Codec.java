package ion.core.messaging.codec;

import java.util.Map;
import java.util.Objects;

import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.Message;
import ion.core.messaging.MessageTooLargeException;
import ion.core.messaging.ResponseCodes;

/**
 * The ION R1 wire format: a message body is one msgpack map holding the headers and a {@code content} entry,
 * written in the msgpack dialect of before 2013, which has no separate string and binary types.
 *
 * <p>Encoding writes the headers in {@link Message#headers()} order and {@code content} (nil when absent) after
 * them, or, for a message this codec decoded, where it stood in the received map (see
 * {@link Message#contentWireIndex()}), so a received message is re-encoded byte for byte. Strings and byte
 * arrays are both written as raw (fixraw, raw16, raw32; never str8 or bin), integers in their smallest form.
 *
 * <p>Decoding accepts the old dialect and the current one. A raw (or str8) becomes a {@code String} when it is
 * valid UTF-8 and a {@code byte[]} otherwise; bin types always become {@code byte[]}; so does a raw
 * {@code content} when the {@code encoding} header is {@value Message#GPB_ENCODING} (in any case), wherever that
 * header stands in the map. Integers become {@code Long}, floats {@code Double}, arrays {@code ArrayList}, maps
 * {@code LinkedHashMap} in wire order, nil {@code null}. A header whose value is nil is treated as absent.
 *
 * <p>One instance is safe to share between any number of threads.
 */
public final class R1Codec {
    /** The default size limit of a message body: 8 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 8L * 1024 * 1024;

    /** The largest body a Java array can hold; larger limits act as this one. */
    private static final long LARGEST_BODY = Integer.MAX_VALUE - 8;

    private final long maxMessageSize;

    /**
     * A codec that refuses to encode or decode bodies larger than {@code maxMessageSize} bytes.
     *
     * @param maxMessageSize the limit in bytes; positive. Limits beyond the largest Java array (about 2 GiB) act
     *                       as that size.
     * @throws IllegalArgumentException if the limit is not positive
     */
    public R1Codec(long maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive but is " + maxMessageSize);
        }
        this.maxMessageSize = Math.min(maxMessageSize, LARGEST_BODY);
    }

    /** The size limit in bytes that applies to encoded and decoded bodies. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The R1 wire body of a message.
     *
     * <p>Values may be {@code String}, {@code byte[]}, {@code Long}, {@code Integer}, {@code Short},
     * {@code Byte}, {@code Double}, {@code Float}, {@code Boolean}, {@code null}, and {@code List}s and
     * {@code Map}s (with keys of any of these types) of them, nested up to 512 levels. The headers {@code op},
     * {@code sender}, {@code receiver}, {@code reply-to}, {@code conv-id}, {@code status} and {@code encoding}
     * must be {@code String}s, {@code conv-seq} an integer, because receivers reject anything else.
     *
     * @return a new array holding exactly the encoded body
     * @throws MessageTooLargeException if the body would be larger than {@link #maxMessageSize()}; nothing is
     *         written in that case
     * @throws IllegalArgumentException if a value cannot be encoded; the message names the value by its path
     *         (for example {@code content.items[3]}) and its Java type
     * @throws NullPointerException if {@code message} is null
     */
    public byte[] encode(Message message) {
        Objects.requireNonNull(message, "message");
        R1Encoder encoder = new R1Encoder();
        long size;
        try {
            size = encoder.measure(message);
        } catch (PathFailure f) {
            throw new IllegalArgumentException("cannot encode " + f.path() + ": " + f.detail());
        }
        if (size > maxMessageSize) {
            throw new MessageTooLargeException(size, maxMessageSize);
        }
        return encoder.write(message, (int) size);
    }

    /**
     * The message a wire body holds. The array is only read, and not kept.
     *
     * @return the decoded message, never {@code null}
     * @throws MalformedMessageException if the body is not one well-formed R1 message map: empty, not msgpack,
     *         not a map, truncated, followed by trailing bytes, with a key that is not a string or appears twice,
     *         with an extension type, or with a header of the wrong type. Its message says what is wrong and
     *         where; it carries the string headers that could still be read, and the response code
     *         {@link ResponseCodes#BAD_REQUEST}. A body larger than {@link #maxMessageSize()} is not decoded: the
     *         exception then carries {@link ResponseCodes#MESSAGE_TOO_LARGE} and the short string headers,
     *         found without reading the large values.
     * @throws NullPointerException if {@code body} is null
     */
    public Message decode(byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length > maxMessageSize) {
            throw new MalformedMessageException("message body of " + body.length + " bytes exceeds the limit of "
                    + maxMessageSize + " bytes (messaging.max-message-size)", LegibleHeaders.scan(body),
                    ResponseCodes.MESSAGE_TOO_LARGE, null);
        }
        if (body.length == 0) {
            throw new MalformedMessageException("malformed R1 message: the body is empty; an R1 message is one"
                    + " msgpack map of headers and content", Map.of());
        }
        try {
            return new R1Decoder(body).decode();
        } catch (PathFailure f) {
            throw new MalformedMessageException("malformed R1 message: " + f.describe(), LegibleHeaders.scan(body),
                    ResponseCodes.BAD_REQUEST, f.getCause());
        }
    }
}
