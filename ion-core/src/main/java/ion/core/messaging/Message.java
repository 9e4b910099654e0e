package ion.core.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One ION message: an ordered map of headers plus a content value. Immutable; safe to share between threads,
 * which is how the in-JVM transport delivers it.
 *
 * <p>Header values are msgpack values: {@link String}, {@link Long} (or another integral {@link Number}),
 * {@link Double}, {@link Boolean}, {@code byte[]}, {@link List} or {@link Map}. The content is one such value,
 * or absent (msgpack nil). On the R1 wire format strings and byte arrays look the same; a decoded raw value is a
 * {@code String} when it is valid UTF-8 and a {@code byte[]} otherwise, except the content of a message whose
 * {@code encoding} is {@value #GPB_ENCODING}, which stays {@code byte[]}. Read binary content with
 * {@code contentAs(byte[].class)}, which accepts both.
 */
public final class Message {
    /** The {@code encoding} header value of content that is a serialized R1 {@code Structure}. */
    public static final String GPB_ENCODING = "ION R1 GPB";

    private final Map<String, Object> headers;
    private final Object content;
    private final int contentWireIndex;

    private Message(Map<String, Object> headers, Object content, int contentWireIndex) {
        this.headers = headers;
        this.content = content;
        this.contentWireIndex = contentWireIndex;
    }

    /** A builder for a new message. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A message with exactly these headers (in this order) and this content.
     *
     * @param headers header names to values; must not contain {@code content}
     * @param content the content, or {@code null} for none
     */
    public static Message of(Map<String, ?> headers, Object content) {
        Builder b = new Builder();
        headers.forEach(b::header);
        return b.content(content).build();
    }

    /**
     * A builder that starts from this message's headers and content. The {@link #contentWireIndex()} is not
     * carried over: a message built from it puts {@code content} last on the wire.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.headers.putAll(headers);
        b.content = content;
        return b;
    }

    /** All headers in wire order, unmodifiable. Never contains {@code content}. */
    public Map<String, Object> headers() {
        return headers;
    }

    /** The value of one header, if present and not nil. */
    public Optional<Object> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * The value of a header as a string; empty if the header is absent.
     *
     * @throws WrongContentTypeException if the header holds something other than a string
     */
    public Optional<String> stringHeader(String name) {
        Object v = headers.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof byte[] b) {
            return Optional.of(new String(b, StandardCharsets.UTF_8));
        }
        throw new WrongContentTypeException("header '" + name + "' must be a string but is "
                + describeType(v));
    }

    /** {@code op}: the operation requested, if any. */
    public Optional<String> op() {
        return stringHeader(HeaderNames.OP);
    }

    /** {@code sender}: the name of the sending receiver, or "". */
    public String sender() {
        return stringHeader(HeaderNames.SENDER).orElse("");
    }

    /** {@code receiver}: the name the message was addressed to, or "". */
    public String receiver() {
        return stringHeader(HeaderNames.RECEIVER).orElse("");
    }

    /** {@code reply-to}: where replies go, if given. */
    public Optional<String> replyTo() {
        return stringHeader(HeaderNames.REPLY_TO).filter(s -> !s.isEmpty());
    }

    /** {@code conv-id}: the conversation this message belongs to, or "". */
    public String convId() {
        return stringHeader(HeaderNames.CONV_ID).orElse("");
    }

    /**
     * {@code conv-seq}: the position of this message in its conversation; 0 if absent.
     *
     * @throws WrongContentTypeException if the header is not an integer
     */
    public long convSeq() {
        Object v = headers.get(HeaderNames.CONV_SEQ);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new WrongContentTypeException("header 'conv-seq' must be an integer but is " + describeType(v));
    }

    /** {@code status}: {@link Status#OK} unless the header says otherwise. */
    public String status() {
        return stringHeader(HeaderNames.STATUS).orElse(Status.OK);
    }

    /** True if {@code status} is {@link Status#ERROR}. */
    public boolean isError() {
        return Status.ERROR.equals(status());
    }

    /** {@code response}: the response code of a reply, or "". */
    public String response() {
        return stringHeader(HeaderNames.RESPONSE).orElse("");
    }

    /** {@code exception}: the error text of a reply, or "". */
    public String exception() {
        return stringHeader(HeaderNames.EXCEPTION).orElse("");
    }

    /** {@code encoding}: the content encoding, or "". */
    public String encoding() {
        return stringHeader(HeaderNames.ENCODING).orElse("");
    }

    /**
     * Where {@code content} stood in the wire map this message was decoded from: the number of headers written
     * before it, or -1 when it came last or the message was not decoded. A codec uses it to re-encode a received
     * message byte for byte; applications have no use for it.
     */
    public int contentWireIndex() {
        return contentWireIndex;
    }

    /** The content; empty when it is nil. */
    public Optional<Object> content() {
        return Optional.ofNullable(content);
    }

    /**
     * The content as the given type. Integral numbers convert between {@code Long}, {@code Integer},
     * {@code Short} and {@code Byte} when the value fits; a {@code String} is accepted as {@code byte[]} (UTF-8).
     *
     * @throws WrongContentTypeException if the content is absent or of another type
     */
    public <T> T contentAs(Class<T> type) {
        return convert(content, type, "content");
    }

    /**
     * Converts a msgpack value to the requested type with the rules of {@link #contentAs(Class)}.
     *
     * @param what names the value in the error message
     */
    public static <T> T convert(Object value, Class<T> type, String what) {
        if (value == null) {
            throw new WrongContentTypeException(what + " is required (expected " + type.getSimpleName()
                    + ") but is absent");
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            @SuppressWarnings("unchecked")
            T t = (T) value;
            return t;
        }
        if (type == byte[].class && value instanceof String s) {
            return type.cast(s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof Number n && isIntegral(value)) {
            long l = n.longValue();
            if (boxed == Long.class) {
                @SuppressWarnings("unchecked")
                T t = (T) Long.valueOf(l);
                return t;
            }
            if (boxed == Integer.class && l == (int) l) {
                @SuppressWarnings("unchecked")
                T t = (T) Integer.valueOf((int) l);
                return t;
            }
            if (boxed == Double.class) {
                @SuppressWarnings("unchecked")
                T t = (T) Double.valueOf(l);
                return t;
            }
        }
        throw new WrongContentTypeException(what + " must be " + type.getSimpleName() + " but is "
                + describeType(value));
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        return type;
    }

    /** A short, human-readable name of a msgpack value's type, for error messages. */
    public static String describeType(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof byte[] b) {
            return "binary (" + b.length + " bytes)";
        }
        if (v instanceof Map) {
            return "map";
        }
        if (v instanceof List) {
            return "list";
        }
        if (isIntegral(v)) {
            return "integer";
        }
        return v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Message{");
        headers.forEach((k, v) -> sb.append(k).append('=').append(abbreviate(v)).append(", "));
        sb.append("content=").append(abbreviate(content)).append('}');
        return sb.toString();
    }

    private static String abbreviate(Object v) {
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        String s = String.valueOf(v);
        return s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
    }

    /** Builds a {@link Message}; headers keep the order in which they were first set. */
    public static final class Builder {
        /** Room for the R1 header set without a resize. */
        private static final int INITIAL_CAPACITY = 32;

        private LinkedHashMap<String, Object> headers = new LinkedHashMap<>(INITIAL_CAPACITY);
        /** True once a built message holds {@link #headers}; the next change then works on a copy. */
        private boolean handedOver;
        private Object content;
        private int contentWireIndex = -1;

        private Builder() {
        }

        /**
         * Sets a header; a {@code null} value removes it.
         *
         * @throws IllegalArgumentException for the name {@code content}, which is not a header
         */
        public Builder header(String name, Object value) {
            Objects.requireNonNull(name, "header name");
            if (HeaderNames.CONTENT.equals(name)) {
                throw new IllegalArgumentException("'content' is not a header; use content(...)");
            }
            if (handedOver) {
                headers = new LinkedHashMap<>(headers);
                handedOver = false;
            }
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** Sets a header only if it is not set yet. */
        public Builder headerIfAbsent(String name, Object value) {
            if (!headers.containsKey(name)) {
                header(name, value);
            }
            return this;
        }

        /** True if the header is set. */
        public boolean has(String name) {
            return headers.containsKey(name);
        }

        public Builder op(String op) {
            return header(HeaderNames.OP, op);
        }

        public Builder receiver(String receiver) {
            return header(HeaderNames.RECEIVER, receiver);
        }

        /** Sets the content; {@code null} means none (msgpack nil). */
        public Builder content(Object content) {
            this.content = content;
            return this;
        }

        /**
         * Codec support: see {@link Message#contentWireIndex()}. An index at or beyond the number of headers, or
         * any negative value, means "content last".
         */
        public Builder contentWireIndex(int index) {
            this.contentWireIndex = index < 0 ? -1 : index;
            return this;
        }

        /** The message; the builder stays usable, and later changes do not affect this message. */
        public Message build() {
            int index = contentWireIndex >= headers.size() ? -1 : contentWireIndex;
            handedOver = true;
            return new Message(Collections.unmodifiableMap(headers), content, index);
        }
    }
}
