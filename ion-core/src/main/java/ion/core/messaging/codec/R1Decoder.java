package ion.core.messaging.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessageIntegerOverflowException;
import org.msgpack.core.MessageNeverUsedFormatException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;

/**
 * Decodes one body into a {@link Message}. Use an instance for one body only. Raw payloads are read straight
 * from the body array; the {@code content} raw is kept as a position in the body until the whole map is read,
 * because the {@code encoding} header that decides between text and bytes may come after it.
 */
final class R1Decoder {
    private final byte[] body;
    private final MessageUnpacker in;
    private final RawText text = new RawText();

    R1Decoder(byte[] body) {
        this.body = body;
        this.in = MessagePack.newDefaultUnpacker(body);
    }

    /**
     * Decodes the body, which must not be empty.
     *
     * @throws PathFailure saying what is wrong and where
     */
    Message decode() {
        try {
            return decodeMessageMap();
        } catch (MessagePackException | IOException e) {
            throw translate(e);
        }
    }

    private Message decodeMessageMap() throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NEVER_USED || format.getValueType() != ValueType.MAP) {
            throw new PathFailure("the body is not a msgpack map: it starts with " + describe(format)
                    + " (first bytes " + hexHead(body, 8) + "); an R1 message is one map of headers and content");
        }
        int entries = in.unpackMapHeader();
        requireRoom(entries, true);

        Message.Builder builder = Message.builder();
        int headerCount = 0;
        boolean hasContent = false;
        int contentIndex = -1;
        Object content = null;
        int contentOffset = -1;
        int contentLength = 0;
        String encoding = "";
        String previousKey = null;
        for (int entry = 0; entry < entries; entry++) {
            String key = readTopLevelKey(entry, previousKey);
            if (HeaderNames.CONTENT.equals(key)) {
                if (hasContent) {
                    throw new PathFailure("duplicate key 'content' in the message map");
                }
                hasContent = true;
                contentIndex = headerCount;
                try {
                    MessageFormat f = in.getNextFormat();
                    if (f != MessageFormat.NEVER_USED && f.getValueType() == ValueType.STRING) {
                        contentLength = in.unpackRawStringHeader();
                        contentOffset = skipPayload(contentLength);
                    } else {
                        content = readValue(1);
                    }
                } catch (PathFailure f) {
                    throw f.inEntry(key);
                } catch (MessagePackException | IOException e) {
                    throw translate(e).inEntry(key);
                }
            } else {
                if (builder.has(key)) {
                    throw new PathFailure("duplicate key '" + key + "' in the message map");
                }
                Object value;
                try {
                    value = readValue(1);
                } catch (PathFailure f) {
                    throw f.inEntry(key);
                }
                checkHeader(key, value);
                if (HeaderNames.ENCODING.equals(key) && value instanceof String s) {
                    encoding = s;
                }
                if (value != null) {
                    builder.header(key, value);
                    headerCount++;
                }
            }
            previousKey = key;
        }
        if (in.hasNext()) {
            long end = position();
            long trailing = body.length - end;
            throw new PathFailure(trailing + (trailing == 1 ? " trailing byte" : " trailing bytes")
                    + " after the message map, which ends at byte " + end + " of " + body.length);
        }
        if (contentOffset >= 0) {
            content = Message.GPB_ENCODING.equalsIgnoreCase(encoding)
                    ? Arrays.copyOfRange(body, contentOffset, contentOffset + contentLength)
                    : raw(contentOffset, contentLength);
        }
        return builder.content(content).contentWireIndex(contentIndex).build();
    }

    private String readTopLevelKey(int entry, String previousKey) throws IOException {
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NEVER_USED || format.getValueType() != ValueType.STRING) {
            throw new PathFailure("the " + keyPosition(entry, previousKey) + " is " + describe(format)
                    + "; the keys of the message map must be strings");
        }
        int length = in.unpackRawStringHeader();
        int offset = skipPayload(length);
        String key = text.decode(body, offset, length);
        if (key == null) {
            throw new PathFailure("the " + keyPosition(entry, previousKey) + " is not UTF-8 text (" + length
                    + " bytes)");
        }
        return key;
    }

    private static String keyPosition(int entry, String previousKey) {
        return "key of entry " + entry + (previousKey == null ? " (the first)" : " (after '" + previousKey + "')");
    }

    /** The checks every receiver relies on when it dispatches a request and addresses its reply. */
    private static void checkHeader(String name, Object value) {
        if (value == null) {
            return;
        }
        switch (name) {
            case HeaderNames.CONV_SEQ -> {
                if (!(value instanceof Long)) {
                    throw new PathFailure("header '" + name + "' must be an integer but is "
                            + Message.describeType(value));
                }
            }
            case HeaderNames.OP, HeaderNames.SENDER, HeaderNames.RECEIVER, HeaderNames.REPLY_TO,
                    HeaderNames.CONV_ID, HeaderNames.STATUS, HeaderNames.ENCODING -> {
                if (!(value instanceof String)) {
                    throw new PathFailure("header '" + name + "' must be a string but is "
                            + Message.describeType(value)
                            + (value instanceof byte[] ? " that is not UTF-8 text" : ""));
                }
            }
            default -> {
            }
        }
    }

    private Object readValue(int depth) {
        try {
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED) {
                throw new PathFailure("byte 0xc1 at offset " + position() + " is not a msgpack value");
            }
            switch (format.getValueType()) {
                case NIL -> {
                    in.unpackNil();
                    return null;
                }
                case BOOLEAN -> {
                    return in.unpackBoolean();
                }
                case INTEGER -> {
                    try {
                        return in.unpackLong();
                    } catch (MessageIntegerOverflowException e) {
                        throw new PathFailure("integer " + e.getBigInteger()
                                + " does not fit in a signed 64-bit long");
                    }
                }
                case FLOAT -> {
                    return in.unpackDouble();
                }
                case STRING -> {
                    int length = in.unpackRawStringHeader();
                    return raw(skipPayload(length), length);
                }
                case BINARY -> {
                    int length = in.unpackBinaryHeader();
                    int offset = skipPayload(length);
                    return Arrays.copyOfRange(body, offset, offset + length);
                }
                case ARRAY -> {
                    return readArray(in.unpackArrayHeader(), depth);
                }
                case MAP -> {
                    return readMap(in.unpackMapHeader(), depth);
                }
                case EXTENSION -> {
                    ExtensionTypeHeader ext = in.unpackExtensionTypeHeader();
                    throw new PathFailure("msgpack extension type " + ext.getType() + " (" + ext.getLength()
                            + " bytes) is not part of the R1 wire format");
                }
                default -> throw new PathFailure("unknown msgpack format " + format);
            }
        } catch (MessagePackException | IOException e) {
            throw translate(e);
        }
    }

    private List<Object> readArray(int size, int depth) {
        checkDepth(depth);
        requireRoom(size, false);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                list.add(readValue(depth + 1));
            } catch (PathFailure f) {
                throw f.atIndex(i);
            }
        }
        return list;
    }

    private Map<Object, Object> readMap(int size, int depth) {
        checkDepth(depth);
        requireRoom(size, true);
        Map<Object, Object> map = LinkedHashMap.newLinkedHashMap(size);
        for (int i = 0; i < size; i++) {
            Object key;
            try {
                key = readValue(depth + 1);
            } catch (PathFailure f) {
                throw f.inKeyOfEntry(i);
            }
            try {
                map.put(key, readValue(depth + 1));
            } catch (PathFailure f) {
                throw f.atKey(key);
            }
        }
        return map;
    }

    private static void checkDepth(int depth) {
        if (depth > R1Encoder.MAX_DEPTH) {
            throw new PathFailure("lists and maps nested more than " + R1Encoder.MAX_DEPTH + " levels deep");
        }
    }

    /** Text when the raw is valid UTF-8, the bytes otherwise. */
    private Object raw(int offset, int length) {
        String s = text.decode(body, offset, length);
        return s != null ? s : Arrays.copyOfRange(body, offset, offset + length);
    }

    /**
     * Moves past a payload of {@code length} bytes whose header was just read, and returns where it starts in
     * the body. Checks the length first, so that a forged length cannot make anything allocate.
     */
    private int skipPayload(int length) throws IOException {
        long offset = position();
        if (length > body.length - offset) {
            throw new PathFailure("truncated: a raw of " + length + " bytes starts at byte " + offset
                    + " but the body has only " + body.length + " bytes");
        }
        in.readPayloadAsReference(length);
        return (int) offset;
    }

    /**
     * A count of elements that cannot fit in what is left of the body (each element takes at least one byte) is
     * a truncated or forged body; refusing it early also keeps a forged count from sizing a collection.
     */
    private void requireRoom(int count, boolean map) {
        long needed = map ? 2L * count : count;
        long left = body.length - position();
        if (needed > left) {
            String what = map ? "map of " + count + " entries" : "list of " + count + " elements";
            throw new PathFailure("truncated: a " + what + " needs at least " + needed + " more bytes but only "
                    + left + " are left");
        }
    }

    private long position() {
        return in.getTotalReadBytes();
    }

    private PathFailure translate(Exception e) {
        if (e instanceof MessageInsufficientBufferException || e instanceof MessageSizeException) {
            return new PathFailure("truncated: the body ends (after " + body.length
                    + " bytes) in the middle of a value", e);
        }
        if (e instanceof MessageNeverUsedFormatException) {
            return new PathFailure("byte 0xc1 is not a msgpack value", e);
        }
        return new PathFailure("not valid msgpack: " + e.getMessage(), e);
    }

    /** A phrase for a value of this format, for messages such as "the body starts with an array". */
    private static String describe(MessageFormat format) {
        if (format == MessageFormat.NEVER_USED) {
            return "the byte 0xc1, which is not msgpack";
        }
        return switch (format.getValueType()) {
            case NIL -> "nil";
            case BOOLEAN -> "a boolean";
            case INTEGER -> "an integer";
            case FLOAT -> "a float";
            case STRING -> "a string";
            case BINARY -> "binary data";
            case ARRAY -> "an array";
            case MAP -> "a map";
            case EXTENSION -> "an extension type";
        };
    }

    private static String hexHead(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(hex(bytes[i]));
        }
        if (bytes.length > max) {
            sb.append(" ...");
        }
        return sb.toString();
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xff);
    }
}
