package ion.core.intercept;

import ion.core.messaging.Message;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ordered interceptors of a container: outbound in list order, inbound in reverse order (the first
 * interceptor outbound is the last inbound, as in R1). Immutable and thread-safe.
 */
public final class InterceptorChain {
    private static final InterceptorChain EMPTY = new InterceptorChain(List.of());

    private final List<Interceptor> outbound;
    private final List<Interceptor> inbound;

    private InterceptorChain(List<Interceptor> stack) {
        this.outbound = List.copyOf(stack);
        this.inbound = outbound.reversed();
    }

    /** A chain with these interceptors, in outbound order. */
    public static InterceptorChain of(List<Interceptor> stack) {
        return stack.isEmpty() ? EMPTY : new InterceptorChain(stack);
    }

    /** A chain that passes every message unchanged. */
    public static InterceptorChain empty() {
        return EMPTY;
    }

    /** The interceptors in outbound order. */
    public List<Interceptor> interceptors() {
        return outbound;
    }

    /** The first interceptor of this type, if the chain has one. */
    public <T extends Interceptor> Optional<T> find(Class<T> type) {
        return outbound.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Runs the outbound stages; stops at the first drop. */
    public Verdict outbound(Message message, InterceptContext context) {
        return run(outbound, message, stage -> m -> stage.outbound(m, context));
    }

    /** Runs the inbound stages; stops at the first drop. */
    public Verdict inbound(Message message, InterceptContext context) {
        return run(inbound, message, stage -> m -> stage.inbound(m, context));
    }

    private static Verdict run(List<Interceptor> stages, Message message,
            Function<Interceptor, Function<Message, Verdict>> call) {
        Message current = message;
        for (Interceptor stage : stages) {
            Verdict v = call.apply(stage).apply(current);
            if (v instanceof Verdict.Proceed p) {
                current = p.message();
            } else {
                return v;
            }
        }
        return Verdict.proceed(current);
    }
}
