package ion.core.process;

import ion.core.messaging.Message;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The {@link Op} handlers of one process class, found once per class. */
final class OpTable {
    /** Marks the result of a void handler. */
    static final Object NO_RESULT = new Object();

    /** Primitive parameter types {@link Message#contentAs(Class)} can fill. */
    private static final Set<Class<?>> CONTENT_PRIMITIVES = Set.of(long.class, int.class, boolean.class,
            double.class);

    private static final ClassValue<OpTable> TABLES = new ClassValue<>() {
        @Override
        protected OpTable computeValue(Class<?> type) {
            return new OpTable(type);
        }
    };

    private enum Shape {
        NONE, MESSAGE, CONTENT, CONTENT_AND_MESSAGE
    }

    /** One handler method. */
    record Handler(String op, MethodHandle method, Shape shape, Class<?> contentType, boolean returnsValue) {
        Object invoke(Process target, Message message) throws Throwable {
            Object result = switch (shape) {
                case NONE -> method.invoke(target);
                case MESSAGE -> method.invoke(target, message);
                case CONTENT -> method.invoke(target, message.contentAs(contentType));
                case CONTENT_AND_MESSAGE -> method.invoke(target, message.contentAs(contentType), message);
            };
            return returnsValue ? result : NO_RESULT;
        }
    }

    private final Map<String, Handler> handlers;

    /**
     * Collects the handlers of the class and its superclasses; a subclass's handler of an op replaces its
     * superclass's. Bridge methods, which copy the annotation of the method they stand for, are skipped.
     */
    private OpTable(Class<?> type) {
        Map<String, Handler> found = new TreeMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Map<String, Method> inThisClass = new HashMap<>();
            for (Method m : c.getDeclaredMethods()) {
                Op op = m.getAnnotation(Op.class);
                if (op == null || m.isBridge()) {
                    continue;
                }
                String name = op.value().isEmpty() ? m.getName() : op.value();
                Method other = inThisClass.putIfAbsent(name, m);
                if (other != null) {
                    throw new IllegalArgumentException("@Op methods " + describe(other) + " and " + describe(m)
                            + " both handle op '" + name + "'");
                }
                if (!found.containsKey(name)) {
                    found.put(name, handlerFor(m, name));
                }
            }
        }
        this.handlers = Collections.unmodifiableMap(found);
    }

    static OpTable of(Class<? extends Process> type) {
        return TABLES.get(type);
    }

    Handler get(String op) {
        return handlers.get(op);
    }

    Set<String> ops() {
        return handlers.keySet();
    }

    private static Handler handlerFor(Method m, String op) {
        if (Modifier.isStatic(m.getModifiers())) {
            throw new IllegalArgumentException("@Op method " + describe(m) + " must not be static");
        }
        Class<?>[] params = m.getParameterTypes();
        Shape shape;
        Class<?> contentType = Object.class;
        if (params.length == 0) {
            shape = Shape.NONE;
        } else if (params.length == 1 && params[0] == Message.class) {
            shape = Shape.MESSAGE;
        } else if (params.length == 1) {
            shape = Shape.CONTENT;
            contentType = params[0];
        } else if (params.length == 2 && params[1] == Message.class) {
            shape = Shape.CONTENT_AND_MESSAGE;
            contentType = params[0];
        } else {
            throw new IllegalArgumentException("@Op method " + describe(m)
                    + " must take (), (Message), (T content) or (T content, Message)");
        }
        if (contentType.isPrimitive() && !CONTENT_PRIMITIVES.contains(contentType)) {
            throw new IllegalArgumentException("@Op method " + describe(m) + " takes content as " + contentType
                    + ", which no message content converts to; use long, int, boolean or double");
        }
        try {
            m.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflect(m);
            return new Handler(op, handle, shape, contentType, m.getReturnType() != void.class);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("@Op method " + describe(m) + " is not accessible: " + e, e);
        }
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }
}
