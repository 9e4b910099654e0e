package ion.core.messaging.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Status;

/**
 * The header names and the constant header values that every ioncore message carries, with their UTF-8 bytes,
 * so that the codec neither encodes them nor allocates a new {@code String} for them each time. All are ASCII.
 */
final class KnownStrings {
    private static final List<String> ALL = List.of(
            HeaderNames.SENDER, HeaderNames.RECEIVER, HeaderNames.REPLY_TO, HeaderNames.ENCODING,
            HeaderNames.ACCEPT_ENCODING, HeaderNames.LANGUAGE, HeaderNames.FORMAT, HeaderNames.ONTOLOGY,
            HeaderNames.CONV_ID, HeaderNames.CONV_SEQ, HeaderNames.PROTOCOL, HeaderNames.PERFORMATIVE,
            HeaderNames.STATUS, HeaderNames.RESPONSE, HeaderNames.EXCEPTION, HeaderNames.TS,
            HeaderNames.SENDER_NAME, HeaderNames.USER_ID, HeaderNames.EXPIRY, HeaderNames.OP, HeaderNames.CONTENT,
            HeaderNames.CONV_ROOT, Status.OK, Status.ERROR,
            "", "0", "json", "ion1", "raw", "rpc", "request", "inform", "ANONYMOUS", "topic", "publisher");

    private static final int LONGEST = ALL.stream().mapToInt(String::length).max().orElseThrow();

    /** Known strings by length, as strings and as bytes at the same positions. */
    private static final String[][] BY_LENGTH = new String[LONGEST + 1][];
    private static final byte[][][] BYTES_BY_LENGTH = new byte[LONGEST + 1][][];
    private static final Map<String, byte[]> UTF8 = new HashMap<>();

    static {
        for (int length = 0; length <= LONGEST; length++) {
            int n = length;
            String[] strings = ALL.stream().filter(s -> s.length() == n).toArray(String[]::new);
            BY_LENGTH[length] = strings;
            BYTES_BY_LENGTH[length] = Arrays.stream(strings)
                    .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        }
        for (String s : ALL) {
            UTF8.put(s, s.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private KnownStrings() {
    }

    /** The UTF-8 bytes of {@code s} if it is a known string, else {@code null}. The array must not be changed. */
    static byte[] utf8(String s) {
        return s.length() > LONGEST ? null : UTF8.get(s);
    }

    /** The known string whose bytes are {@code bytes[offset, offset + length)}, else {@code null}. */
    static String lookup(byte[] bytes, int offset, int length) {
        if (length > LONGEST) {
            return null;
        }
        byte[][] candidates = BYTES_BY_LENGTH[length];
        for (int i = 0; i < candidates.length; i++) {
            if (sameBytes(bytes, offset, candidates[i])) {
                return BY_LENGTH[length][i];
            }
        }
        return null;
    }

    /** A plain loop: for strings this short it beats {@link Arrays#equals(byte[], int, int, byte[], int, int)}. */
    private static boolean sameBytes(byte[] bytes, int offset, byte[] candidate) {
        for (int i = 0; i < candidate.length; i++) {
            if (bytes[offset + i] != candidate[i]) {
                return false;
            }
        }
        return true;
    }
}
