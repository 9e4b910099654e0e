package ion.services.datastore;

import ion.object.repository.Repository;

/**
 * What a {@link DatastoreClient#pull} did.
 *
 * @param repository the repository pulled into, its branches moved to the service's heads
 * @param objectsReceived how many elements (commits and objects) came: only those the repository lacked
 * @param roundTrips how many requests the pull took
 */
public record PullResult(Repository repository, int objectsReceived, int roundTrips) {
}
