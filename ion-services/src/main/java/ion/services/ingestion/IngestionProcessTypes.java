package ion.services.ingestion;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code ingestion} spawnable by name. */
public final class IngestionProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(new ProcessType(IngestionService.NAME, "appends what is published on a topic to a dataset in "
                + "the datastore, a commit per batch; ops create_stream, stop_stream, list_streams",
                IngestionService::new));
    }
}
