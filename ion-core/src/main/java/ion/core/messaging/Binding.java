package ion.core.messaging;

import java.util.Objects;

/**
 * A binding of a queue to a topic exchange: messages published to {@code exchange} whose routing key matches
 * {@code bindingKey} reach the queue. The key is a dot-separated list of words in which {@code *} stands for
 * exactly one word and {@code #} for zero or more (AMQP 0-9-1 topic matching).
 *
 * @param exchange the exchange's full name; it must exist when the binding is made
 * @param bindingKey the routing key pattern
 */
public record Binding(String exchange, String bindingKey) {
    public Binding {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(bindingKey, "bindingKey");
        if (exchange.isEmpty()) {
            throw new IllegalArgumentException("a binding needs an exchange name; the default exchange is not"
                    + " a topic exchange");
        }
    }

    /** Shorthand for the constructor. */
    public static Binding of(String exchange, String bindingKey) {
        return new Binding(exchange, bindingKey);
    }
}
