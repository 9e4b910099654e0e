package ion.services.pubsub;

import java.util.Objects;

/**
 * The pubsub service did not confirm that a {@link Publisher} may publish to a topic: the publisher or the topic
 * is unknown, or the publisher is not registered for the topic. Nothing was published.
 */
public class PublishRefusedException extends RuntimeException {
    private final String topic;
    private final String responseCode;

    /**
     * @param topic the topic of the refused publish
     * @param responseCode the response code of the service's ERROR reply
     * @param reason the service's text, which names the problem
     */
    public PublishRefusedException(String topic, String responseCode, String reason, Throwable cause) {
        super("cannot publish to topic '" + topic + "': " + reason, cause);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.responseCode = Objects.requireNonNull(responseCode, "responseCode");
    }

    /** The topic of the refused publish. */
    public String topic() {
        return topic;
    }

    /** The response code of the service's ERROR reply, one of {@link ion.core.messaging.ResponseCodes}. */
    public String responseCode() {
        return responseCode;
    }
}
