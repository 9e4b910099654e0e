package ion.object.messaging;

import ion.core.intercept.Interceptor;
import ion.core.intercept.spi.InterceptorProvider;

/** Makes {@link GpbCodecInterceptor} available to {@code messaging.interceptors} as {@code gpb}. */
public final class GpbInterceptorProvider implements InterceptorProvider {
    @Override
    public String name() {
        return GpbCodecInterceptor.NAME;
    }

    @Override
    public Interceptor create() {
        return new GpbCodecInterceptor();
    }
}
