package ion.core.intercept;

import ion.core.messaging.Message;
import java.util.Objects;
import java.util.Optional;

/** What an interceptor decided about a message: pass it on (possibly changed) or drop it. */
public sealed interface Verdict permits Verdict.Proceed, Verdict.Drop {

    /** Pass {@code message} to the next interceptor. */
    static Verdict proceed(Message message) {
        return new Proceed(message);
    }

    /** Drop the message; nothing further sees it. */
    static Verdict drop(String interceptor, String reason) {
        return new Drop(interceptor, reason, Optional.empty());
    }

    /**
     * Drop the message and, if it is an inbound request, answer its sender with an ERROR reply carrying
     * {@code responseCode} and the reason (a policy refusal, a failed signature check).
     */
    static Verdict reject(String interceptor, String reason, String responseCode) {
        return new Drop(interceptor, reason, Optional.of(responseCode));
    }

    /**
     * Go on with this message.
     *
     * @param message the message, as this interceptor leaves it
     */
    record Proceed(Message message) implements Verdict {
        public Proceed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Stop here.
     *
     * @param interceptor the name of the interceptor that dropped it
     * @param reason why, for logs and replies
     * @param responseCode the response code of an ERROR reply to send back, if one should be sent
     */
    record Drop(String interceptor, String reason, Optional<String> responseCode) implements Verdict {
        public Drop {
            Objects.requireNonNull(interceptor, "interceptor");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(responseCode, "responseCode");
        }
    }
}
