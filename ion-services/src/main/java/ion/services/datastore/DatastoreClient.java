package ion.services.datastore;

import com.google.protobuf.ByteString;
import ion.core.messaging.Message;
import ion.core.process.Process;
import ion.core.service.ServiceClient;
import ion.object.repository.Repository;
import java.util.List;
import java.util.Map;

/**
 * Calls the {@code datastore} service of the caller's system. Every method throws
 * {@link ion.core.process.ReceivedError} when the service answers ERROR: its {@code responseCode()} is
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_NOT_FOUND} for an unknown id,
 * {@link ion.core.messaging.ResponseCodes#APP_RESOURCE_DIVERGED} for a push that is not a fast-forward and
 * {@link ion.core.messaging.ResponseCodes#BAD_REQUEST} for bytes that are not a packed repository.
 */
public class DatastoreClient extends ServiceClient {
    /** A client sending through {@code caller}, a spawned process. */
    public DatastoreClient(Process caller) {
        super(caller, DatastoreService.NAME);
    }

    /** A client of the service running under another name (its {@code servicename} spawn argument). */
    public DatastoreClient(Process caller, String serviceName) {
        super(caller, serviceName);
    }

    /**
     * Pushes every branch, commit and object of {@code repository}; returns the service's summary:
     * {@code id}, {@code branches} (name to head in hex) and {@code commits} (the number held).
     */
    public Map<?, ?> push(Repository repository) {
        return rpc("push", Map.of("id", repository.id(), "repository", repository.pack().toByteArray()))
                .contentAs(Map.class);
    }

    /** The repository held under {@code id}, rebuilt with the standard type registry; its first branch is out. */
    public Repository pull(String id) {
        byte[] packed = rpc("pull", Map.of("id", id)).contentAs(byte[].class);
        return Repository.builder(id).unpack(ByteString.copyFrom(packed));
    }

    /** The ids of the repositories held, in ascending order. */
    public List<String> list() {
        List<?> ids = rpc("list", Map.of()).contentAs(List.class);
        return ids.stream().map(id -> Message.convert(id, String.class, "repository id")).toList();
    }
}
