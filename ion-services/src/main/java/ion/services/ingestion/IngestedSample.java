package ion.services.ingestion;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sample of a dataset read back ({@link Datasets#samples}).
 *
 * @param index its position in the dataset, from 0
 * @param publisher the id of the registered publisher that published it
 * @param publication the id of the publishing {@code Publisher} instance, if the message carried one
 * @param sequence its sequence number in that publication (0 if none)
 * @param topic the topic it was published to
 * @param received when the ingestion service received it
 * @param data the published content, if any
 */
public record IngestedSample(long index, String publisher, Optional<String> publication, long sequence,
        String topic, Instant received, Optional<Object> data) {
    public IngestedSample {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(publication, "publication");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(data, "data");
    }
}
