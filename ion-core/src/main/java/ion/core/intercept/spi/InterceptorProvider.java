package ion.core.intercept.spi;

import ion.core.intercept.Interceptor;

/**
 * Makes interceptors available by name to the {@code messaging.interceptors} setting. Implementations are found
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/ion.core.intercept.spi.InterceptorProvider}).
 */
public interface InterceptorProvider {
    /** The name used in configuration. */
    String name();

    /** A new interceptor instance for one container. */
    Interceptor create();
}
