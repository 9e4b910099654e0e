package ion.core.event;

import ion.core.messaging.Binding;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.QueueSpec;
import java.util.Arrays;
import java.util.List;

/**
 * What a process attaches to hear events in its own mailbox: a broker-named, exclusive, auto-delete queue bound to
 * the system's events exchange point with the binding key of each filter. One queue for all the filters: an event
 * that passes several is delivered once, and events from one publisher arrive in publish order. Any process
 * subclass uses it with {@code attach}; the events then reach its {@code @Op(Events.OP)} handler one at a time like
 * any message, and {@link Event#fromMessage} reads them:
 *
 * <pre>{@code
 * protected void onInit() {
 *     EventSubscription s = EventSubscription.of("1001.*");
 *     attach(s.queue(), s.bindings(sysname()), s.options());
 * }
 *
 * @Op(Events.OP)
 * void onEvent(Message m) {
 *     Event e = Event.fromMessage(m);   // content that is no event: ERROR reply Bad Request, the process goes on
 * }
 * }</pre>
 *
 * {@link EventSubscriberProcess} does this for a callback. The queue goes when the process stops consuming it, so
 * events published while it is not active are not kept.
 *
 * @param filters which events: those passing any of them; at least one
 */
public record EventSubscription(List<EventFilter> filters) {
    /** Deliveries a subscribing process may hold before acknowledging them. */
    public static final int PREFETCH = 64;

    public EventSubscription {
        filters = List.copyOf(filters);
        if (filters.isEmpty()) {
            throw new InvalidEventException("an event subscription needs at least one filter");
        }
    }

    /** A subscription with these filters. */
    public static EventSubscription of(EventFilter... filters) {
        return new EventSubscription(List.of(filters));
    }

    /**
     * A subscription with binding keys such as {@code 1001.*}.
     *
     * @throws InvalidEventException if a key is not valid
     */
    public static EventSubscription of(String... bindingKeys) {
        return new EventSubscription(Arrays.stream(bindingKeys).map(EventFilter::parse).toList());
    }

    /** The queue: broker-named, exclusive, deleted when its consumer stops. */
    public QueueSpec queue() {
        return QueueSpec.fanoutQueue();
    }

    /** One binding per filter, to the events exchange point of {@code sysname}. */
    public List<Binding> bindings(String sysname) {
        String exchange = Events.exchangeName(sysname);
        return filters.stream().map(f -> Binding.of(exchange, f.bindingKey())).distinct().toList();
    }

    /** An exclusive consumer with a prefetch of {@value #PREFETCH}. */
    public ConsumeOptions options() {
        return new ConsumeOptions(PREFETCH, true);
    }
}
