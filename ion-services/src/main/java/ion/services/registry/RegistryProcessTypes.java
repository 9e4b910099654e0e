package ion.services.registry;

import ion.core.process.ProcessType;
import ion.core.process.spi.ProcessTypeProvider;
import java.util.List;

/** Makes {@code resource_registry} and {@code association} spawnable by name. */
public final class RegistryProcessTypes implements ProcessTypeProvider {
    @Override
    public List<ProcessType> processTypes() {
        return List.of(
                new ProcessType(ResourceRegistryService.NAME, "registers versioned resources with a life cycle; "
                        + "ops register, get, update, set_state, find", ResourceRegistryService::new),
                new ProcessType(AssociationService.NAME, "subject-predicate-object triples between resources; "
                        + "ops associate, find, remove", AssociationService::new));
    }
}
