package ion.core.intercept;

import ion.core.intercept.spi.InterceptorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The interceptors that can be named in configuration: the built-in {@code envelope} and {@code metrics}, plus
 * those of every {@link InterceptorProvider} on the class path.
 */
public final class Interceptors {
    /** The chain a container uses unless configured otherwise. */
    public static final List<String> DEFAULT_STACK = List.of(EnvelopeInterceptor.NAME, MetricsInterceptor.NAME);

    private Interceptors() {
    }

    /** Every known interceptor name with its factory. */
    public static Map<String, Supplier<Interceptor>> available() {
        Map<String, Supplier<Interceptor>> known = new TreeMap<>();
        known.put(EnvelopeInterceptor.NAME, EnvelopeInterceptor::new);
        known.put(MetricsInterceptor.NAME, MetricsInterceptor::new);
        for (InterceptorProvider p : ServiceLoader.load(InterceptorProvider.class)) {
            if (known.putIfAbsent(p.name(), p::create) != null) {
                throw new IllegalStateException("interceptor name '" + p.name() + "' is provided twice");
            }
        }
        return known;
    }

    /**
     * A factory of chains made of the named interceptors, in outbound order; each call makes new instances.
     *
     * @throws IllegalArgumentException naming an unknown interceptor and the known ones
     */
    public static Supplier<InterceptorChain> chain(List<String> names) {
        Map<String, Supplier<Interceptor>> known = available();
        List<Supplier<Interceptor>> factories = new ArrayList<>();
        for (String name : names) {
            Supplier<Interceptor> f = known.get(name);
            if (f == null) {
                throw new IllegalArgumentException("unknown interceptor '" + name + "'; known: " + known.keySet());
            }
            factories.add(f);
        }
        return () -> InterceptorChain.of(factories.stream().map(Supplier::get).toList());
    }

    /** The default chain: {@code envelope}, then {@code metrics}. */
    public static Supplier<InterceptorChain> standard() {
        return chain(DEFAULT_STACK);
    }
}
