package ion.core.app;

import java.time.Instant;

/**
 * An application the app manager started.
 *
 * @param descriptor its application file
 * @param started when it was started
 */
public record RunningApp(AppDescriptor descriptor, Instant started) {
}
