package ion.services.consumer;

import java.util.Objects;

/** Where a consumer's data comes from: a named queue, a topic of another exchange, or a pubsub subscription. */
sealed interface Source {
    /** The name the consumer counts the messages of this source under. */
    String name();

    /** A queue name, qualified with the sysname unless it has a dot. */
    record Queue(String name) implements Source {
        public Queue {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A topic (a binding key, wildcards allowed) of an exchange such as a pubsub exchange point. */
    record Topic(String exchange, String topic) implements Source {
        public Topic {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(topic, "topic");
        }

        /** {@code <topic>@<exchange>}. */
        @Override
        public String name() {
            return topic + "@" + exchange;
        }
    }

    /**
     * An existing subscription of the {@code pubsub} service, by its id or its queue's name, whose queue the
     * consumer consumes as it is (a durable subscription's queue keeps what arrives while no consumer is attached).
     */
    record Subscription(String reference) implements Source {
        public Subscription {
            Objects.requireNonNull(reference, "reference");
        }

        /** The id or queue name as given. */
        @Override
        public String name() {
            return reference;
        }
    }
}
