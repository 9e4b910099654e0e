package ion.core.event;

import ion.core.messaging.Message;
import ion.core.process.Op;
import ion.core.process.Process;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A process that hears events through its own mailbox: it attaches an {@link EventSubscription} of its filters
 * (one queue) when it initializes and hands every event to {@link #onEvent}, one at a time on its own thread, in
 * arrival order per publisher, between its other messages. Subclass it and override {@link #onEvent}, or
 * construct it with a callback. A subclass that overrides {@link #onInit()} calls {@code super.onInit()} first.
 *
 * <p>Message content that is not an event gets an ERROR reply {@code Bad Request} naming the problem (to its
 * sender's {@code reply-to}) and the process goes on; an exception from {@link #onEvent} is handled like one from
 * any handler (logged, or a crash for a fail-fast process).
 */
public class EventSubscriberProcess extends Process {
    private final EventSubscription subscription;
    private final Consumer<Event> callback;

    /**
     * A process handing the events that pass any of the filters to {@code callback}.
     *
     * @throws InvalidEventException if there is no filter
     */
    public EventSubscriberProcess(List<EventFilter> filters, Consumer<Event> callback) {
        this.subscription = new EventSubscription(filters);
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /** A process handing the events that pass the filter to {@code callback}. */
    public EventSubscriberProcess(EventFilter filter, Consumer<Event> callback) {
        this(List.of(filter), callback);
    }

    /** For subclasses that override {@link #onEvent}. */
    protected EventSubscriberProcess(List<EventFilter> filters) {
        this(filters, e -> { });
    }

    /** The subscription. */
    public final EventSubscription subscription() {
        return subscription;
    }

    /** Attaches the subscription. */
    @Override
    protected void onInit() {
        attach(subscription.queue(), subscription.bindings(sysname()), subscription.options());
    }

    /** Reads the event and passes it on; content that is no event is refused with Bad Request. */
    @Op(Events.OP)
    final void receiveEvent(Message message) {
        onEvent(Event.fromMessage(message));
    }

    /** Handles one event; the default passes it to the callback given to the constructor. */
    protected void onEvent(Event event) {
        callback.accept(event);
    }
}
