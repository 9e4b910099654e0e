package ion.shell;

import ion.core.container.Container;
import ion.core.messaging.Message;
import ion.core.process.ProcessId;
import ion.services.pubsub.PubsubClient;
import ion.services.pubsub.Subscriber;
import ion.services.pubsub.Subscription;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running tail of a topic pattern (see {@link PubsubInspector#tail}): a process printing {@code [topic] content}
 * for each message of its transient subscription. {@link #close()} stops the process and cancels the
 * subscription; closing twice does nothing.
 */
public final class TopicTail implements AutoCloseable {
    private final Container container;
    private final PubsubClient pubsub;
    private final Subscription subscription;
    private final ProcessId printerId;
    private final Printer printer;
    private final AtomicBoolean closed = new AtomicBoolean();

    TopicTail(Container container, PubsubClient pubsub, Subscription subscription, ProcessId printerId,
            Printer printer) {
        this.container = container;
        this.pubsub = pubsub;
        this.subscription = subscription;
        this.printerId = printerId;
        this.printer = printer;
    }

    /** The printing process. */
    public ProcessId processId() {
        return printerId;
    }

    /** The transient subscription it consumes. */
    public Subscription subscription() {
        return subscription;
    }

    /** How many messages it printed so far. */
    public long printed() {
        return printer.printed();
    }

    /**
     * Waits until at least {@code count} messages were printed or the timeout passed.
     *
     * @return true if they were
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitPrinted(long count, Duration timeout) throws InterruptedException {
        return printer.awaitPrinted(count, timeout);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.processes().terminate(printerId);
            pubsub.unsubscribe(subscription.id());
        }
    }

    /** Prints each data message of a subscription as {@code [topic] content} and counts them. */
    static final class Printer extends Subscriber {
        private final Subscription subscription;
        private final PrintStream out;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition more = lock.newCondition();
        private long printed;

        Printer(Subscription subscription, PrintStream out) {
            this.subscription = Objects.requireNonNull(subscription, "subscription");
            this.out = Objects.requireNonNull(out, "out");
        }

        @Override
        protected void onInit() {
            consume(subscription);
        }

        @Override
        protected void onData(String topic, Message message) {
            out.println("[" + topic + "] " + message.content().map(PubsubInspector::describe).orElse("(no content)"));
            lock.lock();
            try {
                printed++;
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long printed() {
            lock.lock();
            try {
                return printed;
            } finally {
                lock.unlock();
            }
        }

        boolean awaitPrinted(long count, Duration timeout) throws InterruptedException {
            long nanos = timeout.toNanos();
            lock.lock();
            try {
                while (printed < count) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = more.awaitNanos(nanos);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
