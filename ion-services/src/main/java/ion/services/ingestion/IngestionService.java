package ion.services.ingestion;

import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.codec.R1Codec;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.process.Op;
import ion.core.process.PendingAck;
import ion.core.process.ReceivedError;
import ion.core.service.ServiceDeclaration;
import ion.object.ObjectKey;
import ion.object.proto.CASRef;
import ion.object.proto.DataSample;
import ion.object.proto.IngestedDataset;
import ion.object.proto.PublicationMark;
import ion.object.proto.SampleBatch;
import ion.object.repository.Repository;
import ion.services.datastore.DatastoreClient;
import ion.services.pubsub.Publisher;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.Subscription;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import ion.store.IndexStore;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ingestion} service: appends what is published on a topic to a dataset in the datastore, one commit
 * per batch, and publishes an ingestion event per commit.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code create_stream}</td><td>{@code {dataset, exchange_point, topic, batch_size?, batch_interval?}}
 *       (see {@link StreamSpec}; {@code batch_interval} in seconds)</td><td>the stream
 *       ({@link IngestionStream#toMap()})</td></tr>
 *   <tr><td>{@code stop_stream}</td><td>{@code {dataset}} or the dataset id as a string</td>
 *       <td>the stream as it ended</td></tr>
 *   <tr><td>{@code list_streams}</td><td>anything</td><td>every stream, ordered by dataset</td></tr>
 * </table>
 *
 * <p><b>Streams.</b> A stream subscribes through the {@code pubsub} service with a durable subscription named
 * {@code ingest-<dataset>}, so what is published while the service is down waits in its queue. Each data message
 * is a sample; samples collect in an open batch, which is committed to the dataset's repository when it holds
 * {@code batch_size} samples or {@code batch_interval} after its first sample, whichever comes first, and the
 * repository is then pushed to the datastore. The layout of the repository is {@link Datasets}'s. After each
 * push, a dataset supplement added event ({@link EventType#DATASET_SUPPLEMENT_ADDED}, 1111) per commit it carried is
 * published with the dataset id as origin and {@code commit}, {@code samples} (in the commit), {@code total} as
 * payload. A dataset the datastore already holds is continued; one it does not hold is created by the first
 * commit.
 *
 * <p><b>Delivery.</b> A sample is acknowledged only once the push of the commit holding it succeeded, so a sample
 * is never lost: if the service stops before, its sample goes back to the queue and comes again. The stream
 * consumes with a prefetch of {@code batch_size} (at most {@value #MAX_PREFETCH}), so a full batch is in hand when
 * it closes. A failed push is retried every {@code batch_interval}, holding the samples meanwhile. Samples
 * published by a {@link Publisher} carry their publication id and sequence number; the dataset's root keeps, per
 * publication, the highest sequence number committed, and a sample at or below it (one committed whose
 * acknowledgement was lost) is acknowledged and skipped as a duplicate. Samples without those headers cannot be
 * recognised and are appended each time they arrive. Content the R1 codec cannot carry is logged and dropped.
 *
 * <p><b>Errors.</b> Bad input gets an ERROR reply naming the field: {@link ResponseCodes#BAD_REQUEST} for a
 * missing or malformed field, a {@code batch_size} below 1, a dataset that already has a stream or that holds
 * something else than an ingested dataset; {@link ResponseCodes#APP_RESOURCE_NOT_FOUND} for an unknown exchange
 * point, a topic that matches no declared topic, or an unknown stream on {@code stop_stream};
 * {@link ResponseCodes#RESOURCE_UNAVAILABLE} for a {@code stop_stream} whose last batch could not be pushed (the
 * stream goes on).
 *
 * <p><b>Storage.</b> Streams live in the index store {@value #STORE_NAME} (the embedded store of the {@code
 * store-dir} spawn argument, else memory). An activated service reopens every stored stream: it pulls the dataset
 * from the datastore (retried every second while that fails) and consumes its subscription again. Spawn arguments
 * {@value #DATASTORE_ARG} and {@value #PUBSUB_ARG} name the services used (default {@code datastore} and
 * {@code pubsub}). The container's timer thread only sends ticks to this process's own queue; streams are touched by the
 * process's thread only.
 */
public class IngestionService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "ingestion";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "ingestion";
    /** The spawn argument naming the datastore service. */
    public static final String DATASTORE_ARG = "datastore";
    /** The spawn argument naming the pubsub service. */
    public static final String PUBSUB_ARG = "pubsub";
    /** The largest prefetch a stream consumes with (RabbitMQ's limit). */
    public static final int MAX_PREFETCH = 65_535;
    /** The prefix of a stream's durable subscription name; the dataset id follows. */
    public static final String SUBSCRIPTION_PREFIX = "ingest-";

    private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);
    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");
    private static final String TICK_OP = "ingestion_tick";
    private static final String RESUME_OP = "ingestion_resume";
    private static final Duration RESUME_RETRY = Duration.ofSeconds(1);
    private static final long PUSH_RETRY = -1;
    private static final String KEY_PREFIX = "stream/";
    private static final Map<String, String> ATTRIBUTES = Map.of("kind", "stream");
    private static final R1Codec CODEC = new R1Codec(R1Codec.DEFAULT_MAX_MESSAGE_SIZE);

    private final Clock clock;
    private final Map<String, Stream> streams = new TreeMap<>();
    private final Map<String, String> datasetByQueue = new HashMap<>();
    private final Set<ScheduledFuture<?>> timers = ConcurrentHashMap.newKeySet();
    private EventPublisher events;
    private DatastoreClient datastore;
    private PubsubClient pubsub;

    /** An ingestion service on the system clock. */
    public IngestionService() {
        this(Clock.systemUTC());
    }

    /** An ingestion service stamping samples with {@code clock}'s time (its timer still waits in real time). */
    public IngestionService(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    @Override
    protected void onActivate() {
        events = EventPublisher.of(this);
        datastore = new DatastoreClient(this, argument(DATASTORE_ARG, "datastore"));
        pubsub = new PubsubClient(this, argument(PUBSUB_ARG, "pubsub"));
        for (IndexStore.Hit hit : store().query(List.of(Predicate.eq("kind", "stream")))) {
            String dataset = new String(hit.key().toArray(), StandardCharsets.UTF_8).substring(KEY_PREFIX.length());
            try {
                Map<?, ?> stored = CODEC.decode(hit.value()).contentAs(Map.class);
                Stream stream = new Stream(StreamSpec.fromMap("stored stream " + dataset, stored),
                        Subscription.fromMap(Message.convert(stored.get("subscription"), Map.class,
                                "subscription")));
                streams.put(dataset, stream);
                later(Duration.ZERO, RESUME_OP, dataset);
            } catch (RuntimeException e) {
                LOG.warn("ingestion {}: stored stream {} cannot be read and is not resumed: {}", id(), dataset,
                        e.toString());
            }
        }
    }

    @Override
    protected void onDeactivate() {
        stopTimer();
    }

    @Override
    protected void onTerminate() {
        stopTimer();
        super.onTerminate();
    }

    /** Creates and starts a stream; answers it. */
    @Op("create_stream")
    public void createStream(Message request) {
        answer(request, () -> {
            String op = "create_stream";
            Object content = request.content().orElse(null);
            if (!(content instanceof Map<?, ?> fields)) {
                throw StreamSpec.badRequest(op, "needs a map as content but got " + Message.describeType(content));
            }
            StreamSpec spec = StreamSpec.fromMap(op, fields);
            if (streams.containsKey(spec.dataset())) {
                throw StreamSpec.badRequest(op, "field 'dataset': dataset '" + spec.dataset()
                        + "' already has a stream");
            }
            requireTopics(op, spec);
            Repository repository = openDataset(spec.dataset()).orElseGet(() -> newDataset(spec.dataset()));
            Subscription subscription;
            try {
                subscription = pubsub.subscribeDurable(spec.exchangePoint(), SUBSCRIPTION_PREFIX + spec.dataset(),
                        spec.topic());
            } catch (ReceivedError e) {
                throw new RequestException(e.responseCode(), "op '" + op + "': subscribing failed: "
                        + e.exceptionText());
            }
            Stream stream = new Stream(spec, subscription);
            Map<String, Object> stored = new LinkedHashMap<>(spec.toMap());
            stored.put("subscription", subscription.toMap());
            store().put(key(spec.dataset()), CODEC.encode(Message.of(Map.of(), stored)), ATTRIBUTES);
            streams.put(spec.dataset(), stream);
            try {
                stream.start(repository);
            } catch (RuntimeException e) {
                streams.remove(spec.dataset());
                store().remove(key(spec.dataset()));
                throw e;
            }
            return stream.describe().toMap();
        });
    }

    /** Stops a stream: commits its open batch, cancels its subscription and forgets it; answers it as it ended. */
    @Op("stop_stream")
    public void stopStream(Message request) {
        answer(request, () -> {
            Object content = request.content().orElse(null);
            Object dataset = content instanceof Map<?, ?> m ? m.get("dataset") : content;
            if (!(dataset instanceof String name) || name.isBlank()) {
                throw StreamSpec.badRequest("stop_stream", "needs field 'dataset' (or the dataset id as a string)"
                        + " but got " + Message.describeType(dataset));
            }
            Stream stream = streams.get(name);
            if (stream == null) {
                throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "op 'stop_stream': field "
                        + "'dataset': no stream ingests dataset '" + name + "'");
            }
            if (stream.state == IngestionStream.State.RUNNING) {
                stream.closeBatch();
                if (!stream.unpushed.isEmpty()) {
                    throw new RequestException(ResponseCodes.RESOURCE_UNAVAILABLE, "op 'stop_stream': dataset '"
                            + name + "' could not be pushed to the datastore; the stream goes on");
                }
                stream.queue.ifPresent(q -> {
                    detach(q);
                    datasetByQueue.remove(q);
                });
            }
            streams.remove(name);
            store().remove(key(name));
            try {
                pubsub.unsubscribe(stream.subscription.id());
            } catch (RuntimeException e) {
                LOG.warn("ingestion {}: the subscription {} of dataset {} was not cancelled: {}", id(),
                        stream.subscription.id(), name, e.toString());
            }
            return stream.describe().toMap();
        });
    }

    /** Every stream with its counts. */
    @Op("list_streams")
    public void listStreams(Message request) {
        answer(request, () -> streams.values().stream().map(s -> (Object) s.describe().toMap()).toList());
    }

    /** A published sample from a stream's subscription. */
    @Op(Publisher.DATA_OP)
    public void data(Message message) {
        Optional<Stream> stream = deliveryQueue().map(datasetByQueue::get).map(streams::get)
                .filter(s -> s.state == IngestionStream.State.RUNNING);
        if (stream.isEmpty()) {
            if (message.replyTo().isPresent()) {
                replyError(message, ResponseCodes.BAD_REQUEST, "op '" + Publisher.DATA_OP + "' is only taken from"
                        + " the subscriptions of ingestion streams");
            }
            return;
        }
        stream.get().receive(message);
    }

    /** A timer tick sent by this process to itself: closes a batch whose interval elapsed or retries a push. */
    @Op(TICK_OP)
    public void tick(Message message) {
        if (!fromSelf(message, TICK_OP)) {
            return;
        }
        Map<?, ?> tick = message.contentAs(Map.class);
        Stream stream = streams.get(Message.convert(tick.get("dataset"), String.class, "dataset"));
        if (stream == null || stream.state != IngestionStream.State.RUNNING) {
            return;
        }
        long batch = Message.convert(tick.get("batch"), Long.class, "batch");
        if (batch == stream.batchNumber && !stream.batch.isEmpty()) {
            stream.closeBatch();
        } else if (batch == PUSH_RETRY) {
            stream.push();
        }
    }

    /** Reopens a stream restored from the store, sent by this process to itself. */
    @Op(RESUME_OP)
    public void resume(Message message) {
        if (!fromSelf(message, RESUME_OP)) {
            return;
        }
        String dataset = message.contentAs(String.class);
        Stream stream = streams.get(dataset);
        if (stream == null || stream.state != IngestionStream.State.RESUMING) {
            return;
        }
        Repository repository;
        try {
            repository = openDataset(dataset).orElseGet(() -> newDataset(dataset));
        } catch (RuntimeException e) {
            LOG.warn("ingestion {}: dataset {} cannot be reopened yet, retrying in {}: {}", id(), dataset,
                    RESUME_RETRY, e.toString());
            later(RESUME_RETRY, RESUME_OP, dataset);
            return;
        }
        stream.start(repository);
        LOG.info("ingestion {}: resumed the stream of dataset {} at {} samples", id(), dataset,
                stream.committed.getSampleCount());
    }

    private void requireTopics(String op, StreamSpec spec) {
        List<?> topics;
        try {
            topics = pubsub.queryTopics(spec.exchangePoint(), spec.topic());
        } catch (ReceivedError e) {
            String field = ResponseCodes.BAD_REQUEST.equals(e.responseCode()) ? "topic" : "exchange_point";
            throw new RequestException(e.responseCode(), "op '" + op + "': field '" + field + "': "
                    + e.exceptionText());
        }
        if (topics.isEmpty()) {
            throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "op '" + op + "': field 'topic': no "
                    + "topic matching '" + spec.topic() + "' is declared on exchange point '" + spec.exchangePoint()
                    + "'");
        }
    }

    /** The dataset as the datastore holds it, or empty if it holds no such repository. */
    private Optional<Repository> openDataset(String dataset) {
        Repository repository;
        try {
            repository = datastore.pull(dataset);
        } catch (ReceivedError e) {
            if (ResponseCodes.APP_RESOURCE_NOT_FOUND.equals(e.responseCode())) {
                return Optional.empty();
            }
            throw e;
        }
        if (Datasets.root(repository).isEmpty() || repository.currentBranch().isEmpty()) {
            throw StreamSpec.badRequest("create_stream", "field 'dataset': repository '" + dataset
                    + "' in the datastore is not an ingested dataset");
        }
        return Optional.of(repository);
    }

    private Repository newDataset(String dataset) {
        Repository repository = Repository.builder(dataset).clock(clock).author(NAME).create();
        repository.setRoot(IngestedDataset.newBuilder().setDataset(dataset).setSampleCount(0).build());
        return repository;
    }

    /** Whether this process sent the message; otherwise answers it ERROR if it is a request. */
    private boolean fromSelf(Message message, String op) {
        if (id().toString().equals(message.sender())) {
            return true;
        }
        if (message.replyTo().isPresent()) {
            replyError(message, ResponseCodes.BAD_REQUEST, "op '" + op + "' is internal to the ingestion service");
        }
        return false;
    }

    private String argument(String name, String otherwise) {
        Object v = spawnArgs().get(name);
        return v instanceof String s && !s.isBlank() ? s : otherwise;
    }

    private void later(Duration delay, String op, Object content) {
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(sendSelfLater(delay, op, content));
    }

    private void stopTimer() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    private static byte[] key(String dataset) {
        return (KEY_PREFIX + dataset).getBytes(StandardCharsets.UTF_8);
    }

    /** A commit pushed or to be pushed, for its event. */
    private record Commit(ObjectKey key, int samples, long total) {
    }

    /** One stream's state; touched by the process's thread only. */
    private final class Stream {
        final StreamSpec spec;
        final Subscription subscription;
        IngestionStream.State state = IngestionStream.State.RESUMING;
        Optional<String> queue = Optional.empty();
        Repository repository;
        IngestedDataset committed;
        final Map<String, Long> marks = new TreeMap<>();
        final List<DataSample> batch = new ArrayList<>();
        final List<PendingAck> held = new ArrayList<>();
        final List<PendingAck> unpushed = new ArrayList<>();
        final List<Commit> unannounced = new ArrayList<>();
        long batchNumber;
        long duplicates;

        Stream(StreamSpec spec, Subscription subscription) {
            this.spec = spec;
            this.subscription = subscription;
        }

        void start(Repository opened) {
            repository = opened;
            committed = Datasets.root(opened).orElseThrow();
            committed.getMarkList().forEach(m -> marks.put(m.getPublication(), m.getSequence()));
            String q = attach(subscription.queueSpec(), subscription.bindings(),
                    new ConsumeOptions(Math.min(spec.batchSize(), MAX_PREFETCH), false));
            queue = Optional.of(q);
            datasetByQueue.put(q, spec.dataset());
            state = IngestionStream.State.RUNNING;
        }

        void receive(Message message) {
            Optional<String> publication = message.stringHeader(Publisher.PUBLICATION_HEADER);
            long sequence = message.header(Publisher.SEQUENCE_HEADER).filter(Number.class::isInstance)
                    .map(n -> ((Number) n).longValue()).orElse(0L);
            if (publication.isPresent() && sequence > 0) {
                if (sequence <= marks.getOrDefault(publication.get(), 0L)) {
                    duplicates++;
                    return;
                }
            }
            DataSample.Builder sample = DataSample.newBuilder()
                    .setPublisher(message.stringHeader(Publisher.PUBLISHER_HEADER).orElse(""))
                    .setTopic(message.stringHeader(Publisher.TOPIC_HEADER).orElse(""))
                    .setReceived(clock.millis());
            try {
                sample.setData(Datasets.encode(message.content()));
            } catch (IllegalArgumentException e) {
                LOG.warn("ingestion {}: a sample for dataset {} cannot be stored and is dropped: {}", id(),
                        spec.dataset(), e.getMessage());
                return;
            }
            if (publication.isPresent() && sequence > 0) {
                sample.setPublication(publication.get()).setSequence(sequence);
                marks.put(publication.get(), sequence);
            }
            held.add(holdAcknowledgement());
            batch.add(sample.build());
            if (batch.size() == 1) {
                later(spec.batchInterval(), TICK_OP, Map.of("dataset", spec.dataset(), "batch", batchNumber));
            }
            if (batch.size() >= spec.batchSize()) {
                closeBatch();
            }
        }

        /** Commits the open batch, if any, and pushes. */
        void closeBatch() {
            if (batch.isEmpty()) {
                push();
                return;
            }
            SampleBatch samples = SampleBatch.newBuilder().addAllSample(batch)
                    .setFirstIndex(committed.getSampleCount()).build();
            CASRef link = repository.addObject(samples);
            IngestedDataset.Builder root = committed.toBuilder().setSampleCount(committed.getSampleCount()
                    + batch.size()).addBatch(link).clearMark();
            marks.forEach((p, s) -> root.addMark(PublicationMark.newBuilder().setPublication(p).setSequence(s)));
            committed = root.build();
            repository.setRoot(committed);
            ObjectKey commit = repository.commit("ingested " + batch.size() + " samples");
            unannounced.add(new Commit(commit, batch.size(), committed.getSampleCount()));
            unpushed.addAll(held);
            held.clear();
            batch.clear();
            batchNumber++;
            push();
        }

        /** Pushes the commits not pushed yet; on success acknowledges their samples and announces them. */
        void push() {
            if (unannounced.isEmpty()) {
                return;
            }
            try {
                datastore.push(repository);
            } catch (RuntimeException e) {
                LOG.warn("ingestion {}: dataset {} could not be pushed, retrying in {}: {}", id(), spec.dataset(),
                        spec.batchInterval(), e.toString());
                later(spec.batchInterval(), TICK_OP, Map.of("dataset", spec.dataset(), "batch", PUSH_RETRY));
                return;
            }
            unpushed.forEach(PendingAck::ack);
            unpushed.clear();
            for (Commit c : unannounced) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("commit", c.key().toString());
                payload.put("samples", (long) c.samples());
                payload.put("total", c.total());
                payload.put("stream", spec.topic() + "@" + spec.exchangePoint());
                try {
                    events.publish(EventType.DATASET_SUPPLEMENT_ADDED, spec.dataset(), c.samples()
                            + " samples ingested", payload);
                } catch (RuntimeException e) {
                    LOG.warn("ingestion {}: the event of commit {} of dataset {} was not published: {}", id(),
                            c.key(), spec.dataset(), e.toString());
                }
            }
            unannounced.clear();
        }

        IngestionStream describe() {
            long samples = committed == null ? 0 : committed.getSampleCount();
            long commits = committed == null ? 0 : committed.getBatchCount();
            return new IngestionStream(spec, subscription.id(), state, samples, commits,
                    batch.size() + countUnpushed(), duplicates);
        }

        private long countUnpushed() {
            return unannounced.stream().mapToLong(Commit::samples).sum();
        }
    }
}
