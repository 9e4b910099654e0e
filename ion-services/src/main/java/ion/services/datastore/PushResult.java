package ion.services.datastore;

import ion.object.ObjectKey;
import java.util.Map;

/**
 * What a {@link DatastoreClient#push} did.
 *
 * @param id the repository id
 * @param branches the heads the service now holds, name to commit
 * @param commits the number of commits in their history
 * @param objectsSent how many elements (commits and objects) were sent: only those the service lacked
 * @param roundTrips how many requests the push took
 */
public record PushResult(String id, Map<String, ObjectKey> branches, long commits, int objectsSent,
        int roundTrips) {
    /** Copies the branches. */
    public PushResult {
        branches = Map.copyOf(branches);
    }
}
