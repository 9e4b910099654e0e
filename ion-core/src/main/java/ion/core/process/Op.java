package ion.core.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Process} as the handler of one operation (the {@code op} header).
 *
 * <p>Accepted shapes, where {@code T} is the type the content is converted to (see
 * {@link ion.core.messaging.Message#contentAs(Class)}): {@code m()}, {@code m(T content)},
 * {@code m(Message msg)}, {@code m(T content, Message msg)}. A non-void return value is sent as the OK reply (an
 * {@link java.util.Optional} is unwrapped; empty means a reply without content); a void handler of an RPC request
 * that did not reply explicitly gets an OK reply without content. An exception becomes an ERROR reply carrying its
 * text. Handlers run one at a time on the process's virtual thread.
 *
 * <p>{@code T} may be a primitive {@code long}, {@code int}, {@code boolean} or {@code double}. A subclass's
 * handler of an op replaces its superclass's. Spawning fails with {@link IllegalArgumentException} naming the
 * method if a handler is static, has another shape or another primitive parameter, or shares its op with another
 * handler of the same class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Op {
    /** The operation name; empty means the method name. */
    String value() default "";
}
