package ion.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

/** Conversion of raw layer values (YAML scalars, argument strings, programmatic objects) to typed values. */
final class Values {
    static final String MASK = "********";

    private Values() {
    }

    /** True for keys whose value must never be shown: the last dotted segment mentions a password. */
    static boolean isSecret(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return last.toLowerCase(Locale.ROOT).contains("password");
    }

    /**
     * Converts {@code raw} to the canonical Java value of {@code type}: {@link String}, {@link Long},
     * {@link Boolean}, {@link Duration} or {@link Long} bytes. Strings are parsed; other values must already have a
     * matching Java type.
     *
     * @throws IllegalArgumentException with a message saying what was expected and (unless secret) what was found
     */
    static Object coerce(ValueType type, Object raw, boolean secret) {
        try {
            return convert(type, raw);
        } catch (IllegalArgumentException e) {
            if (secret) {
                throw new IllegalArgumentException("expected " + type.expectation()
                        + "; the value given is not shown because the key holds a password");
            }
            throw e;
        }
    }

    private static Object convert(ValueType type, Object raw) {
        switch (type) {
            case STRING -> {
                if (raw instanceof String s) {
                    return s;
                }
                String hint = isScalar(raw) ? "; put it in quotes to make it a string" : "";
                throw mismatch(type, raw, hint);
            }
            case INTEGER -> {
                if (raw instanceof String s) {
                    return parseInteger(s);
                }
                if (isIntegral(raw)) {
                    return integralToLong(raw);
                }
                throw mismatch(type, raw, "");
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                if (raw instanceof String s) {
                    return parseBoolean(s);
                }
                throw mismatch(type, raw, "");
            }
            case DURATION -> {
                if (raw instanceof Duration d) {
                    if (d.isNegative()) {
                        throw new IllegalArgumentException("a duration cannot be negative: " + d);
                    }
                    return d;
                }
                if (raw instanceof String s) {
                    return Durations.parse(s);
                }
                String hint = isIntegral(raw) ? "; a duration needs a unit, such as 15s" : "";
                throw mismatch(type, raw, hint);
            }
            case SIZE -> {
                if (raw instanceof String s) {
                    return Sizes.parse(s);
                }
                if (isIntegral(raw)) {
                    long bytes = integralToLong(raw);
                    if (bytes < 0) {
                        throw new IllegalArgumentException("a size cannot be negative: " + bytes);
                    }
                    return bytes;
                }
                throw mismatch(type, raw, "");
            }
            default -> throw new AssertionError(type);
        }
    }

    private static IllegalArgumentException mismatch(ValueType type, Object raw, String hint) {
        return new IllegalArgumentException("expected " + type.expectation() + ", got " + describeRaw(raw) + hint);
    }

    private static boolean isScalar(Object raw) {
        return raw instanceof Number || raw instanceof Boolean || raw instanceof Date;
    }

    private static boolean isIntegral(Object raw) {
        return raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte
                || raw instanceof BigInteger;
    }

    private static long integralToLong(Object raw) {
        if (raw instanceof BigInteger big) {
            if (big.bitLength() >= Long.SIZE) {
                throw new IllegalArgumentException(big + " is out of range for a 64-bit integer");
            }
            return big.longValue();
        }
        return ((Number) raw).longValue();
    }

    private static long parseInteger(String text) {
        String t = text.strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (t.matches("[+-]?\\d+")) {
                throw new IllegalArgumentException(quote(text) + " is out of range for a 64-bit integer");
            }
            throw new IllegalArgumentException(quote(text) + " is not an integer");
        }
    }

    private static boolean parseBoolean(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(quote(text) + " is not a boolean: expected true or false");
    }

    /** Describes a raw value for an error message, naming its kind: {@code the integer 15}, {@code "soon"}. */
    static String describeRaw(Object raw) {
        if (raw == null) {
            return "no value";
        }
        if (raw instanceof String s) {
            return quote(s);
        }
        if (isIntegral(raw)) {
            return "the integer " + raw;
        }
        if (raw instanceof Number) {
            return "the number " + raw;
        }
        if (raw instanceof Boolean) {
            return "the boolean " + raw;
        }
        if (raw instanceof Date) {
            return "a date";
        }
        if (raw instanceof Map<?, ?>) {
            return "a section";
        }
        if (raw instanceof Collection<?> || raw instanceof Object[]) {
            return "a list";
        }
        if (raw instanceof byte[]) {
            return "binary data";
        }
        return "a value of type " + raw.getClass().getSimpleName();
    }

    /** Renders a canonical typed value in the form the configuration files use. */
    static String render(ValueType type, Object value) {
        return switch (type) {
            case STRING -> quote((String) value);
            case DURATION -> Durations.format((Duration) value);
            case SIZE -> Sizes.format((Long) value);
            case INTEGER, BOOLEAN -> String.valueOf(value);
        };
    }

    /** Quotes text in double quotes, escaping quotes, backslashes and control characters. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
