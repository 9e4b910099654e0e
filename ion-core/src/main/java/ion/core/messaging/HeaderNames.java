package ion.core.messaging;

import java.util.List;

/**
 * Names of the R1 message headers, and the order in which a message written by ioncore lists them on the
 * wire. Headers not named here are carried through unchanged after the known ones.
 */
public final class HeaderNames {
    public static final String SENDER = "sender";
    public static final String RECEIVER = "receiver";
    public static final String REPLY_TO = "reply-to";
    public static final String ENCODING = "encoding";
    public static final String ACCEPT_ENCODING = "accept-encoding";
    public static final String LANGUAGE = "language";
    public static final String FORMAT = "format";
    public static final String ONTOLOGY = "ontology";
    public static final String CONV_ID = "conv-id";
    public static final String CONV_SEQ = "conv-seq";
    public static final String PROTOCOL = "protocol";
    public static final String PERFORMATIVE = "performative";
    public static final String STATUS = "status";
    public static final String RESPONSE = "response";
    public static final String EXCEPTION = "exception";
    public static final String TS = "ts";
    public static final String SENDER_NAME = "sender-name";
    public static final String USER_ID = "user-id";
    public static final String EXPIRY = "expiry";
    public static final String OP = "op";
    /**
     * Not a header: the key of the payload in the wire map. Messages ioncore composes write it last; a received
     * message re-encoded unchanged keeps the position it had.
     */
    public static final String CONTENT = "content";
    /**
     * ioncore extension: the conversation id of the request that started the causal chain this message belongs
     * to. A process blocked in an RPC serves requests of its own chain (call-backs) while it waits.
     */
    public static final String CONV_ROOT = "conv-root";

    /** The order of the known headers in a message that ioncore composes. */
    public static final List<String> WIRE_ORDER = List.of(
            SENDER, RECEIVER, REPLY_TO, ENCODING, ACCEPT_ENCODING, LANGUAGE, FORMAT, ONTOLOGY, CONV_ID, CONV_SEQ,
            PROTOCOL, PERFORMATIVE, STATUS, RESPONSE, EXCEPTION, TS, SENDER_NAME, USER_ID, EXPIRY, OP);

    private HeaderNames() {
    }
}
