package ion.core.app;

import ion.core.container.Container;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Application} is started with.
 *
 * @param container the container it runs in
 * @param descriptor its application file
 * @param config configuration from the release that started it (empty otherwise)
 */
public record AppContext(Container container, AppDescriptor descriptor, Map<String, Object> config) {
    public AppContext {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(descriptor, "descriptor");
        config = Map.copyOf(config);
    }
}
