package ion.services.pubsub;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code pubsub} spawnable by name. */
public final class PubsubProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(new ProcessType(PubsubService.NAME, "data distribution model: exchange points, topics, "
                + "publishers, subscriptions; needs resource_registry and association", PubsubService::new));
    }
}
