package ion.services.ingestion;

import com.google.protobuf.ByteString;
import ion.core.messaging.Message;
import ion.core.messaging.codec.R1Codec;
import ion.object.proto.CASRef;
import ion.object.proto.DataSample;
import ion.object.proto.IngestedDataset;
import ion.object.proto.SampleBatch;
import ion.object.repository.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of an ingested dataset in its repository, and reading it back. The root object is an
 * {@link IngestedDataset}: the dataset id, the sample count, a link to each {@link SampleBatch} in commit order and
 * the publication marks; each commit of the ingestion service adds one batch (its samples in arrival order) and
 * the new root. So the head's root alone gives every sample in order, and each commit's root the dataset as it
 * was then. A sample's data is the published content encoded as a message body by the R1 codec.
 */
public final class Datasets {
    private static final R1Codec CODEC = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private Datasets() {
    }

    /**
     * Every sample of the dataset checked out in {@code repository}, in order.
     *
     * @throws IllegalArgumentException if the checkout's root is not an ingested dataset
     */
    public static List<IngestedSample> samples(Repository repository) {
        IngestedDataset root = root(repository).orElseThrow(() -> new IllegalArgumentException("repository "
                + repository.id() + " holds no ingested dataset"));
        List<IngestedSample> samples = new ArrayList<>();
        for (CASRef link : root.getBatchList()) {
            SampleBatch batch = (SampleBatch) repository.object(link);
            for (DataSample s : batch.getSampleList()) {
                samples.add(new IngestedSample(samples.size(), s.getPublisher(),
                        s.hasPublication() ? Optional.of(s.getPublication()) : Optional.empty(), s.getSequence(),
                        s.getTopic(), Instant.ofEpochMilli(s.getReceived()), decode(s.getData())));
            }
        }
        return samples;
    }

    /** The dataset root of the checkout, if it is one. */
    public static Optional<IngestedDataset> root(Repository repository) {
        return repository.root().filter(IngestedDataset.class::isInstance).map(IngestedDataset.class::cast);
    }

    /**
     * The bytes a sample's data is stored as.
     *
     * @throws IllegalArgumentException if the codec cannot carry the content
     */
    static ByteString encode(Optional<Object> content) {
        return ByteString.copyFrom(CODEC.encode(Message.of(Map.of(), content.orElse(null))));
    }

    private static Optional<Object> decode(ByteString data) {
        return CODEC.decode(data.toByteArray()).content();
    }
}
