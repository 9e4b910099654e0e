package ion.services.consumer;

import java.util.Objects;

/** Where a consumer's data comes from: a named queue, or a topic of another exchange. */
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
}
