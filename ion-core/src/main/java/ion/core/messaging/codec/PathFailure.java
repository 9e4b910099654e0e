package ion.core.messaging.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A value that cannot be encoded or decoded, found somewhere inside a message. Each enclosing list, map or
 * header adds its path segment while the failure propagates, so the happy path pays nothing for path tracking.
 * The codec turns it into the public exception; it never leaves this package.
 */
final class PathFailure extends RuntimeException {
    /** A path deeper than these two counts together shows only its outer and inner ends. */
    private static final int MAX_OUTER_SEGMENTS = 8;
    private static final int MAX_INNER_SEGMENTS = 4;

    private final List<String> segments = new ArrayList<>(4);

    PathFailure(String detail) {
        this(detail, null);
    }

    PathFailure(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }

    /** Adds the name of a top-level entry (a header name, or {@code content}). */
    PathFailure inEntry(String name) {
        segments.add(name);
        return this;
    }

    /** Adds a list position. */
    PathFailure atIndex(int index) {
        segments.add("[" + index + "]");
        return this;
    }

    /** Adds the key of the map entry whose value failed. */
    PathFailure atKey(Object key) {
        if (key instanceof String s) {
            segments.add("." + s);
        } else {
            segments.add("{" + abbreviate(key) + "}");
        }
        return this;
    }

    /** Adds the position of the map entry whose key failed. */
    PathFailure inKeyOfEntry(int entry) {
        segments.add("{key of entry " + entry + "}");
        return this;
    }

    /** What was wrong, without the path. */
    String detail() {
        return getMessage();
    }

    /** Where it was wrong, for example {@code content.items[3]}; empty at the top level. */
    String path() {
        StringBuilder sb = new StringBuilder();
        int outermost = segments.size() - 1;
        for (int i = outermost; i >= 0; i--) {
            if (i == outermost - MAX_OUTER_SEGMENTS && i > MAX_INNER_SEGMENTS) {
                sb.append("...");
                i = MAX_INNER_SEGMENTS - 1;
            }
            sb.append(segments.get(i));
        }
        if (!sb.isEmpty() && sb.charAt(0) == '.') {
            sb.deleteCharAt(0);
        }
        return sb.toString();
    }

    /** The path and the detail, ready for an exception message. */
    String describe() {
        String path = path();
        return path.isEmpty() ? detail() : path + ": " + detail();
    }

    private static String abbreviate(Object key) {
        String s = key instanceof byte[] b ? "<" + b.length + " bytes>" : String.valueOf(key);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
