package ion.core.messaging.local;

import ion.core.messaging.Message;
import ion.core.messaging.QueueLockedException;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.Delivery;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue of the in-JVM broker. Messages wait in FIFO order and go round-robin to consumers with free prefetch.
 * A length limit counts the messages waiting, not those delivered and unacknowledged; it applies on arrival, so
 * requeued messages may exceed it for a while, as on RabbitMQ.
 * Handlers are called by one dispatching thread at a time, outside the lock, so that each consumer sees its
 * messages in queue order.
 */
final class LocalQueue {
    private static final Logger LOG = LoggerFactory.getLogger(LocalQueue.class);

    private record Entry(Message message, boolean redelivered) {
    }

    private record Pending(LocalConsumer consumer, LocalDelivery delivery) {
    }

    private final LocalBroker broker;
    private final String name;
    private final QueueSpec spec;
    private final LocalTransport owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Entry> messages = new ArrayDeque<>(2);
    private final List<LocalConsumer> consumers = new ArrayList<>(1);
    private int nextConsumer;
    private boolean dispatching;
    private boolean deleted;

    LocalQueue(LocalBroker broker, String name, QueueSpec spec, LocalTransport owner) {
        this.broker = broker;
        this.name = name;
        this.spec = spec;
        this.owner = spec.exclusive() ? owner : null;
    }

    String name() {
        return name;
    }

    QueueSpec spec() {
        return spec;
    }

    boolean isOwnedBy(LocalTransport transport) {
        return owner == null || owner == transport;
    }

    boolean isExclusive() {
        return owner != null;
    }

    void checkAccess(LocalTransport transport) {
        if (!isOwnedBy(transport)) {
            throw new QueueLockedException("queue '" + name + "' is exclusive to another connection");
        }
    }

    int messageCount() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    void enqueue(Message message) {
        lock.lock();
        try {
            if (deleted) {
                return;
            }
            if (spec.maxLength().isPresent() && messages.size() >= spec.maxLength().get()) {
                if (spec.overflow() == QueueSpec.Overflow.REJECT_PUBLISH) {
                    return;
                }
                messages.addLast(new Entry(message, false));
                while (messages.size() > spec.maxLength().get()) {
                    messages.pollFirst();
                }
            } else {
                messages.addLast(new Entry(message, false));
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    ConsumerHandle addConsumer(LocalTransport transport, ConsumeOptions options, DeliveryHandler handler) {
        LocalConsumer consumer;
        lock.lock();
        try {
            checkAccess(transport);
            if (deleted) {
                throw new ion.core.messaging.QueueNotFoundException(name);
            }
            if (!consumers.isEmpty() && (options.exclusive() || consumers.get(0).exclusive)) {
                throw new QueueLockedException("queue '" + name + "' already has an exclusive consumer"
                        + " or cannot be consumed exclusively while others consume it");
            }
            consumer = new LocalConsumer(transport, options, handler);
            consumers.add(consumer);
        } finally {
            lock.unlock();
        }
        transport.track(consumer);
        dispatch();
        return consumer;
    }

    /** Removes every consumer of this transport and, if it owns the queue, the queue itself. */
    void release(LocalTransport transport) {
        List<LocalConsumer> mine = new ArrayList<>();
        lock.lock();
        try {
            for (LocalConsumer c : consumers) {
                if (c.transport == transport) {
                    mine.add(c);
                }
            }
        } finally {
            lock.unlock();
        }
        mine.forEach(LocalConsumer::cancel);
        if (owner == transport) {
            broker.deleteQueue(this);
        }
    }

    /** Drops all messages and consumers; later publishes and acks are ignored. The owner forgets the queue. */
    void markDeleted() {
        lock.lock();
        try {
            deleted = true;
            messages.clear();
            for (LocalConsumer c : consumers) {
                c.cancelled.set(true);
                c.unacked.clear();
            }
            consumers.clear();
        } finally {
            lock.unlock();
        }
        if (owner != null) {
            owner.disown(this);
        }
    }

    private void dispatch() {
        lock.lock();
        try {
            if (dispatching) {
                return;
            }
            dispatching = true;
        } finally {
            lock.unlock();
        }
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                batch = collect();
                if (batch.isEmpty()) {
                    dispatching = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            for (Pending p : batch) {
                deliver(p);
            }
        }
    }

    /**
     * Hands one delivery to its consumer. A consumer cancelled since the batch was collected is skipped: cancelling
     * put the delivery back on the queue. A consumer whose handler throws is cancelled, as a broker drops a client
     * whose consumer fails, so that its messages go to others instead of back to it forever, and the failure
     * never reaches the publisher whose thread happens to dispatch.
     */
    private void deliver(Pending p) {
        LocalConsumer consumer = p.consumer();
        if (consumer.cancelled.get()) {
            return;
        }
        try {
            consumer.handler.onDelivery(p.delivery());
        } catch (RuntimeException | Error e) {
            LOG.error("consumer of queue '{}' threw from its delivery handler; it is cancelled and its messages"
                    + " requeued", name, e);
            consumer.cancel();
        }
    }

    private List<Pending> collect() {
        if (messages.isEmpty() || consumers.isEmpty()) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        int n = consumers.size();
        int idle = 0;
        while (!messages.isEmpty() && idle < n) {
            LocalConsumer c = consumers.get(nextConsumer % n);
            nextConsumer = (nextConsumer + 1) % n;
            if (c.unacked.size() >= c.prefetch) {
                idle++;
                continue;
            }
            idle = 0;
            Entry e = messages.pollFirst();
            LocalDelivery d = new LocalDelivery(c, e.message(), e.redelivered());
            c.unacked.add(d);
            batch.add(new Pending(c, d));
        }
        return batch;
    }

    private void settle(LocalDelivery delivery, boolean requeue) {
        lock.lock();
        try {
            if (!delivery.consumer.unacked.remove(delivery)) {
                return;
            }
            if (requeue && !deleted) {
                messages.addFirst(new Entry(delivery.message, true));
            }
        } finally {
            lock.unlock();
        }
        dispatch();
    }

    private void removeConsumer(LocalConsumer consumer) {
        boolean deleteNow;
        lock.lock();
        try {
            if (!consumers.remove(consumer)) {
                return;
            }
            List<LocalDelivery> unsettled = new ArrayList<>(consumer.unacked);
            consumer.unacked.clear();
            for (int i = unsettled.size() - 1; i >= 0; i--) {
                messages.addFirst(new Entry(unsettled.get(i).message, true));
            }
            deleteNow = spec.autoDelete() && consumers.isEmpty() && !deleted;
            if (nextConsumer >= Math.max(1, consumers.size())) {
                nextConsumer = 0;
            }
        } finally {
            lock.unlock();
        }
        if (deleteNow) {
            broker.deleteQueue(this);
        } else {
            dispatch();
        }
    }

    /** A consumer attached to this queue. */
    final class LocalConsumer implements ConsumerHandle {
        final LocalTransport transport;
        final int prefetch;
        final boolean exclusive;
        final DeliveryHandler handler;
        final LinkedHashSet<LocalDelivery> unacked = new LinkedHashSet<>();
        final AtomicBoolean cancelled = new AtomicBoolean();

        LocalConsumer(LocalTransport transport, ConsumeOptions options, DeliveryHandler handler) {
            this.transport = transport;
            this.prefetch = options.prefetch();
            this.exclusive = options.exclusive();
            this.handler = handler;
        }

        @Override
        public String queue() {
            return name;
        }

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                transport.untrack(this);
                removeConsumer(this);
            }
        }
    }

    /** One message handed to one consumer. */
    final class LocalDelivery implements Delivery {
        final LocalConsumer consumer;
        final Message message;
        final boolean redelivered;

        LocalDelivery(LocalConsumer consumer, Message message, boolean redelivered) {
            this.consumer = consumer;
            this.message = message;
            this.redelivered = redelivered;
        }

        @Override
        public Message message() {
            return message;
        }

        @Override
        public boolean redelivered() {
            return redelivered;
        }

        @Override
        public String queue() {
            return name;
        }

        @Override
        public void ack() {
            settle(this, false);
        }

        @Override
        public void reject(boolean requeue) {
            settle(this, requeue);
        }
    }

    /** For diagnostics: the messages waiting, consumers attached. */
    @Override
    public String toString() {
        lock.lock();
        try {
            StringBuilder sb = new StringBuilder("queue ").append(name).append(" messages=").append(messages.size())
                    .append(" consumers=").append(consumers.size());
            Iterator<LocalConsumer> it = consumers.iterator();
            while (it.hasNext()) {
                sb.append(' ').append(it.next().unacked.size());
            }
            return sb.toString();
        } finally {
            lock.unlock();
        }
    }
}
