package ion.core.event;

import ion.core.container.Container;
import ion.core.intercept.Direction;
import ion.core.intercept.InterceptContext;
import ion.core.intercept.Verdict;
import ion.core.messaging.MalformedMessageException;
import ion.core.messaging.WrongContentTypeException;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.Transport;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription to a system's events: a queue of its own, bound to {@code <sysname>.events.topic} with the
 * filter's binding key, whose events go to a callback, one at a time and in arrival order, on a virtual thread of
 * the subscriber's. The standalone form, for code outside any process (tests, the shell, tools); a process that
 * wants events in its own mailbox uses {@link EventSubscription} or {@link EventSubscriberProcess}.
 *
 * <p>The queue is broker-named, exclusive to the container's connection and deleted when the subscriber closes:
 * events published while no subscriber exists are not kept. Each delivery passes the container's inbound
 * interceptors and is acknowledged after the callback returned. A callback that throws is logged and the next
 * event is delivered; content that is not an event is logged, counted ({@link #malformed()}) and dropped.
 */
public final class EventSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSubscriber.class);
    private static final int PREFETCH = 64;
    private static final AtomicLong COUNTER = new AtomicLong();

    private final EventFilter filter;
    private final String queue;
    private final Consumer<Event> callback;
    private final LinkedBlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final InterceptContext context;
    private final Container container;
    private volatile ConsumerHandle consumer;
    private final Thread worker;

    private EventSubscriber(Container container, EventFilter filter, Consumer<Event> callback) {
        this.container = container;
        this.filter = filter;
        this.callback = callback;
        this.context = new InterceptContext(container.id(), container.id() + ".events-"
                + COUNTER.incrementAndGet(), Direction.INBOUND);
        Transport transport = container.transport();
        this.queue = transport.declareQueue(QueueSpec.fanoutQueue());
        this.worker = Thread.ofVirtual().name("ion-events-" + queue).unstarted(this::drain);
    }

    /**
     * Subscribes to the events of the container's system that pass {@code filter}; {@code callback} gets them from
     * now on until {@link #close()}. The subscription exists on the broker when this returns.
     *
     * @throws ion.core.messaging.TransportUnavailableException if the broker is unreachable
     */
    public static EventSubscriber start(Container container, EventFilter filter, Consumer<Event> callback) {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(callback, "callback");
        EventSubscriber s = new EventSubscriber(container, filter, callback);
        try {
            Transport t = container.transport();
            t.bind(s.queue, Events.exchangeName(container.sysname()), filter.bindingKey());
            s.worker.start();
            s.consumer = t.consume(s.queue, new ConsumeOptions(PREFETCH, true), s.new Handler());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** As {@link #start(Container, EventFilter, Consumer)} with a binding key such as {@code 1001.*}. */
    public static EventSubscriber start(Container container, String bindingKey, Consumer<Event> callback) {
        return start(container, EventFilter.parse(bindingKey), callback);
    }

    /** The filter. */
    public EventFilter filter() {
        return filter;
    }

    /** The name of the subscriber's queue. */
    public String queue() {
        return queue;
    }

    /** How many events the callback has handled (returned from, or thrown on). */
    public long received() {
        return received.get();
    }

    /** How many deliveries were dropped because their content was not an event. */
    public long malformed() {
        return malformed.get();
    }

    /** Stops the subscription and deletes its queue; events not handled yet are dropped. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ConsumerHandle c = consumer;
        if (c != null) {
            try {
                c.cancel();
            } catch (RuntimeException e) {
                LOG.debug("cancelling event consumer of {} failed: {}", queue, e.toString());
            }
        }
        if (!container.isClosed()) {
            try {
                container.transport().deleteQueue(queue);
            } catch (RuntimeException e) {
                LOG.debug("deleting event queue {} failed: {}", queue, e.toString());
            }
        }
        worker.interrupt();
    }

    private void drain() {
        while (!closed.get() && !container.isClosed()) {
            Delivery d;
            try {
                d = inbox.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d != null) {
                handle(d);
            }
        }
    }

    private void handle(Delivery d) {
        try {
            Verdict verdict = container.interceptors().inbound(d.message(), context);
            if (verdict instanceof Verdict.Proceed proceed) {
                Event event = Event.fromMessage(proceed.message());
                try {
                    callback.accept(event);
                } finally {
                    received.incrementAndGet();
                }
            } else if (verdict instanceof Verdict.Drop drop) {
                LOG.debug("event subscriber {}: interceptor '{}' dropped a delivery: {}", filter, drop.interceptor(),
                        drop.reason());
            }
        } catch (WrongContentTypeException e) {
            malformed.incrementAndGet();
            LOG.warn("event subscriber {} dropped a message that is not an event: {}", filter, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("event subscriber {}: the callback threw", filter, e);
        } finally {
            d.ack();
        }
    }

    @Override
    public String toString() {
        return "EventSubscriber<" + filter + " on " + queue + ">";
    }

    private final class Handler implements DeliveryHandler {
        @Override
        public void onDelivery(Delivery delivery) {
            if (closed.get()) {
                delivery.reject(false);
                return;
            }
            inbox.add(delivery);
        }

        @Override
        public void onMalformed(String from, MalformedMessageException problem) {
            malformed.incrementAndGet();
            LOG.warn("event subscriber {} dropped malformed bytes: {}", filter, problem.getMessage());
        }
    }
}
