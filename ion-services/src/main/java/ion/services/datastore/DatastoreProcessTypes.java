package ion.services.datastore;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code datastore} spawnable by name. */
public final class DatastoreProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(new ProcessType(DatastoreService.NAME, "keeps versioned repositories and moves only missing "
                + "objects; ops negotiate, put_objects, push, pull, fetch, checkout, log, objects, list",
                DatastoreService::new));
    }
}
