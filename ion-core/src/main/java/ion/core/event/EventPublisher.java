package ion.core.event;

import ion.core.container.Container;
import ion.core.intercept.Direction;
import ion.core.intercept.InterceptContext;
import ion.core.intercept.MessageDroppedException;
import ion.core.intercept.Verdict;
import ion.core.messaging.HeaderNames;
import ion.core.messaging.Message;
import ion.core.messaging.Status;
import ion.core.process.Process;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes events on a system's events exchange point {@code <sysname>.events.topic} with routing key
 * {@code <event-id>.<origin>}, as one-way messages with op {@value Events#OP} whose content is
 * {@link Event#toContent()}. Nothing waits for subscribers: an event nobody subscribed to is dropped by the
 * broker.
 *
 * <p>Two forms: {@link #of(Process)} publishes as that process (its id is the {@code sender}), from any thread;
 * {@link #of(Container)} publishes as the container itself (the {@code sender} is the container id), for code
 * that has no process of its own. Both pass the container's outbound interceptors. Thread-safe.
 */
public final class EventPublisher {
    private final String exchange;
    private final Sink sink;

    private EventPublisher(String exchange, Sink sink) {
        this.exchange = exchange;
        this.sink = sink;
    }

    /** A publisher that sends as {@code process}, on its system's events exchange point. */
    public static EventPublisher of(Process process) {
        Objects.requireNonNull(process, "process");
        String exchange = Events.exchangeName(process.sysname());
        return new EventPublisher(exchange, (key, content) -> process.publish(exchange, key, Events.OP, content,
                Map.of()));
    }

    /** A publisher that sends as the container, on its system's events exchange point. */
    public static EventPublisher of(Container container) {
        Objects.requireNonNull(container, "container");
        String exchange = Events.exchangeName(container.sysname());
        return new EventPublisher(exchange, new ContainerSink(container, exchange));
    }

    /** The exchange point published to. */
    public String exchange() {
        return exchange;
    }

    /**
     * Publishes an event.
     *
     * @return the event
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     * @throws MessageDroppedException if an outbound interceptor dropped it
     */
    public Event publish(Event event) {
        Objects.requireNonNull(event, "event");
        sink.publish(event.routingKey(), event.toContent());
        return event;
    }

    /**
     * Publishes an event of a catalogued type happening now.
     *
     * @throws InvalidEventException if the origin is not valid
     * @see #publish(Event)
     */
    public Event publish(EventType type, String origin, String description, Map<String, ?> payload) {
        return publish(Event.of(type, origin, description, payload));
    }

    /**
     * Publishes an event with any positive id happening now.
     *
     * @throws InvalidEventException if the id or the origin is not valid
     * @see #publish(Event)
     */
    public Event publish(int id, String origin, String description, Map<String, ?> payload) {
        return publish(Event.of(id, origin, description, payload));
    }

    @Override
    public String toString() {
        return "EventPublisher<" + exchange + ">";
    }

    /** Where a publisher's messages go. */
    @FunctionalInterface
    private interface Sink {
        void publish(String routingKey, Map<String, Object> content);
    }

    /** Sends as the container: the R1 envelope written here, since no process sends. */
    private static final class ContainerSink implements Sink {
        private final Container container;
        private final String exchange;
        private final InterceptContext context;
        private final AtomicLong counter = new AtomicLong();

        ContainerSink(Container container, String exchange) {
            this.container = container;
            this.exchange = exchange;
            this.context = new InterceptContext(container.id(), container.id(), Direction.OUTBOUND);
        }

        @Override
        public void publish(String routingKey, Map<String, Object> content) {
            Message m = Message.builder()
                    .header(HeaderNames.SENDER, container.id())
                    .header(HeaderNames.RECEIVER, routingKey)
                    .header(HeaderNames.ENCODING, "json")
                    .header(HeaderNames.ACCEPT_ENCODING, "")
                    .header(HeaderNames.LANGUAGE, "ion1")
                    .header(HeaderNames.FORMAT, "raw")
                    .header(HeaderNames.ONTOLOGY, "")
                    .header(HeaderNames.CONV_ID, container.id() + "#event-" + counter.incrementAndGet())
                    .header(HeaderNames.CONV_SEQ, 1L)
                    .header(HeaderNames.PROTOCOL, "")
                    .header(HeaderNames.PERFORMATIVE, "inform")
                    .header(HeaderNames.STATUS, Status.OK)
                    .header(HeaderNames.TS, Long.toString(System.currentTimeMillis()))
                    .header(HeaderNames.SENDER_NAME, "container")
                    .header(HeaderNames.USER_ID, "ANONYMOUS")
                    .header(HeaderNames.EXPIRY, "0")
                    .header(HeaderNames.OP, Events.OP)
                    .content(content)
                    .build();
            Verdict verdict = container.interceptors().outbound(m, context);
            if (verdict instanceof Verdict.Drop drop) {
                throw new MessageDroppedException(drop.interceptor(), drop.reason());
            }
            container.transport().publish(exchange, routingKey, ((Verdict.Proceed) verdict).message());
        }
    }
}
