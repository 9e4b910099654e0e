package ion.services.ingestion;

import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import java.util.List;
import java.util.Map;

/**
 * Calls the {@code ingestion} service of the caller's system. Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR (see {@link IngestionService} for the
 * response codes); its text names the field at fault.
 */
public class IngestionClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public IngestionClient(Process caller) {
        super(caller, IngestionService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public IngestionClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /** Creates and starts a stream. */
    public IngestionStream createStream(StreamSpec spec) {
        return IngestionStream.fromMap(rpc("create_stream", spec.toMap()).contentAs(Map.class));
    }

    /** Stops the stream of a dataset after committing its open batch; answers it as it ended. */
    public IngestionStream stopStream(String dataset) {
        return IngestionStream.fromMap(rpc("stop_stream", Map.of("dataset", dataset)).contentAs(Map.class));
    }

    /** Every stream, ordered by dataset. */
    public List<IngestionStream> listStreams() {
        return rpc("list_streams", Map.of()).contentAs(List.class).stream()
                .map(o -> IngestionStream.fromMap(Message.convert(o, Map.class, "stream"))).toList();
    }
}
