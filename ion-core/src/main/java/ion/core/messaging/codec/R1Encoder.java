package ion.core.messaging.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;

/**
 * Encodes one message in two passes. The first pass checks every value, computes the exact encoded size (so an
 * oversized message is refused before anything is written) and keeps the UTF-8 bytes of every string in
 * traversal order. The second pass packs into an array of exactly that size. Use an instance for one message
 * only.
 */
final class R1Encoder {
    /** Deepest nesting of lists and maps accepted; deeper values are more likely a cycle than data. */
    static final int MAX_DEPTH = 512;

    private static final byte[] CONTENT_KEY = HeaderNames.CONTENT.getBytes(StandardCharsets.US_ASCII);

    /** Room for the strings of an R1 envelope (names and values) without growing. */
    private static final int EXPECTED_STRINGS = 64;

    private final List<byte[]> strings = new ArrayList<>(EXPECTED_STRINGS);
    private int nextString;

    /**
     * The exact encoded size of the message.
     *
     * @throws PathFailure naming the first value that cannot be encoded
     */
    long measure(Message message) {
        Map<String, Object> headers = message.headers();
        int contentAt = message.contentWireIndex();
        long size = containerHeaderSize(headers.size() + 1);
        int index = 0;
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (index++ == contentAt) {
                size += measureContent(message);
            }
            String name = header.getKey();
            Object value = header.getValue();
            checkHeaderType(name, value);
            size += measure(name, 1);
            try {
                size += measure(value, 1);
            } catch (PathFailure f) {
                throw f.inEntry(name);
            }
        }
        if (contentAt < 0) {
            size += measureContent(message);
        }
        return size;
    }

    /** Writes the message measured before into an array of {@code size} bytes. */
    byte[] write(Message message, int size) {
        ExactArrayWriter out = new ExactArrayWriter(size);
        Map<String, Object> headers = message.headers();
        int contentAt = message.contentWireIndex();
        out.mapHeader(headers.size() + 1);
        int index = 0;
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            if (index++ == contentAt) {
                writeContent(out, message);
            }
            write(out, header.getKey());
            write(out, header.getValue());
        }
        if (contentAt < 0) {
            writeContent(out, message);
        }
        return out.toByteArray();
    }

    private long measureContent(Message message) {
        try {
            return rawSize(CONTENT_KEY.length) + measure(message.content().orElse(null), 1);
        } catch (PathFailure f) {
            throw f.inEntry(HeaderNames.CONTENT);
        }
    }

    private void writeContent(ExactArrayWriter out, Message message) {
        out.raw(CONTENT_KEY);
        write(out, message.content().orElse(null));
    }

    /**
     * Headers the receiver checks must have the type it checks for, so that ioncore never sends what it would
     * itself reject as malformed.
     */
    private static void checkHeaderType(String name, Object value) {
        switch (name) {
            case HeaderNames.CONV_SEQ -> {
                if (!isIntegral(value)) {
                    throw new PathFailure("must be an integer (Long, Integer, Short or Byte) but is "
                            + value.getClass().getTypeName()).inEntry(name);
                }
            }
            case HeaderNames.OP, HeaderNames.SENDER, HeaderNames.RECEIVER, HeaderNames.REPLY_TO,
                    HeaderNames.CONV_ID, HeaderNames.STATUS, HeaderNames.ENCODING -> {
                if (!(value instanceof String)) {
                    throw new PathFailure("must be a String but is " + value.getClass().getTypeName()).inEntry(name);
                }
            }
            default -> {
            }
        }
    }

    private long measure(Object value, int depth) {
        return switch (value) {
            case null -> 1;
            case String s -> {
                byte[] known = KnownStrings.utf8(s);
                byte[] utf8 = known != null ? known : s.getBytes(StandardCharsets.UTF_8);
                strings.add(utf8);
                yield rawSize(utf8.length);
            }
            case byte[] bytes -> rawSize(bytes.length);
            case Long l -> intSize(l);
            case Integer i -> intSize(i);
            case Short s -> intSize(s);
            case Byte b -> intSize(b);
            case Double d -> 9;
            case Float f -> 5;
            case Boolean b -> 1;
            case List<?> list -> measureList(list, depth);
            case Map<?, ?> map -> measureMap(map, depth);
            default -> throw new PathFailure("unsupported type " + value.getClass().getTypeName()
                    + "; R1 messages carry String, byte[], Long, Integer, Short, Byte, Double, Float, Boolean,"
                    + " List, Map and null");
        };
    }

    private long measureList(List<?> list, int depth) {
        checkDepth(depth);
        long size = containerHeaderSize(list.size());
        int index = 0;
        for (Object element : list) {
            try {
                size += measure(element, depth + 1);
            } catch (PathFailure f) {
                throw f.atIndex(index);
            }
            index++;
        }
        return size;
    }

    private long measureMap(Map<?, ?> map, int depth) {
        checkDepth(depth);
        long size = containerHeaderSize(map.size());
        int entry = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            try {
                size += measure(e.getKey(), depth + 1);
            } catch (PathFailure f) {
                throw f.inKeyOfEntry(entry);
            }
            try {
                size += measure(e.getValue(), depth + 1);
            } catch (PathFailure f) {
                throw f.atKey(e.getKey());
            }
            entry++;
        }
        return size;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new PathFailure("lists and maps nested more than " + MAX_DEPTH
                    + " levels deep (does a list or map contain itself?)");
        }
    }

    /** Writes values as they were measured: the same type takes the same form. */
    private void write(ExactArrayWriter out, Object value) {
        switch (value) {
            case null -> out.nil();
            case String s -> out.raw(strings.get(nextString++));
            case byte[] bytes -> out.raw(bytes);
            case Long l -> out.integer(l);
            case Integer i -> out.integer(i);
            case Short s -> out.integer(s);
            case Byte b -> out.integer(b);
            case Double d -> out.float64(d);
            case Float f -> out.float32(f);
            case Boolean b -> out.bool(b);
            case List<?> list -> {
                out.arrayHeader(list.size());
                for (Object element : list) {
                    write(out, element);
                }
            }
            case Map<?, ?> map -> {
                out.mapHeader(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    write(out, e.getKey());
                    write(out, e.getValue());
                }
            }
            default -> throw new IllegalStateException("value changed type after it was measured: "
                    + value.getClass().getTypeName());
        }
    }

    private static boolean isIntegral(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    /** Bytes of a raw (fixraw, raw16 or raw32: the old dialect has no str8) of {@code length} payload bytes. */
    private static long rawSize(int length) {
        int header = length < 32 ? 1 : length < 65536 ? 3 : 5;
        return header + (long) length;
    }

    /** Bytes of an array or map header (fix, 16-bit or 32-bit count). */
    private static long containerHeaderSize(int count) {
        return count < 16 ? 1 : count < 65536 ? 3 : 5;
    }

    /** Bytes of an integer in its smallest msgpack form, the one {@link ExactArrayWriter#integer} writes. */
    private static int intSize(long v) {
        if (v < -(1L << 5)) {
            if (v < -(1L << 15)) {
                return v < -(1L << 31) ? 9 : 5;
            }
            return v < -(1L << 7) ? 3 : 2;
        }
        if (v < (1L << 7)) {
            return 1;
        }
        if (v < (1L << 16)) {
            return v < (1L << 8) ? 2 : 3;
        }
        return v < (1L << 32) ? 5 : 9;
    }
}
