package ion.core.process.spi;

import ion.core.process.ProcessType;
import java.util.List;

/**
 * Contributes spawnable process types. Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/ion.core.process.spi.ProcessTypeProvider}.
 */
public interface ProcessTypeProvider {
    /** The types this module offers. */
    List<ProcessType> processTypes();
}
