package ion.core.intercept;

import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.WrongContentTypeException;
import java.util.List;

/**
 * Checks the R1 envelope, the way R1's message interceptor owned the header set: outbound, that the routing and
 * conversation headers have the types the wire format requires (so a bad header fails at the sender on every
 * transport, not only where bytes are encoded); inbound, that a request has an {@code op} and well-typed
 * headers, answering a malformed request with {@link ResponseCodes#BAD_REQUEST}. Replies pass inbound unchecked:
 * the waiting RPC reports their problems to its caller.
 */
public final class EnvelopeInterceptor implements Interceptor {
    /** The configuration name. */
    public static final String NAME = "envelope";

    private static final List<String> STRING_HEADERS = List.of(HeaderNames.OP, HeaderNames.SENDER,
            HeaderNames.RECEIVER, HeaderNames.REPLY_TO, HeaderNames.CONV_ID, HeaderNames.STATUS,
            HeaderNames.ENCODING);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Verdict outbound(Message message, InterceptContext context) {
        return problem(message).map(p -> Verdict.drop(NAME, p)).orElseGet(() -> Verdict.proceed(message));
    }

    @Override
    public Verdict inbound(Message message, InterceptContext context) {
        if ("result".equals(message.headers().get(HeaderNames.OP))) {
            return Verdict.proceed(message);
        }
        if (!message.headers().containsKey(HeaderNames.OP)) {
            return Verdict.reject(NAME, "message has no 'op' header", ResponseCodes.BAD_REQUEST);
        }
        return problem(message).map(p -> Verdict.reject(NAME, p, ResponseCodes.BAD_REQUEST))
                .orElseGet(() -> Verdict.proceed(message));
    }

    private static java.util.Optional<String> problem(Message message) {
        try {
            for (String header : STRING_HEADERS) {
                message.stringHeader(header);
            }
            message.convSeq();
            return java.util.Optional.empty();
        } catch (WrongContentTypeException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }
}
