package ion.core.messaging.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ChannelContinuationTimeoutException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import com.rabbitmq.client.impl.recovery.AutorecoveringChannel;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;
import ion.core.messaging.ExchangeNotFoundException;
import ion.core.messaging.Message;
import ion.core.messaging.MessageTooLargeException;
import ion.core.messaging.MessagingException;
import ion.core.messaging.QueueLockedException;
import ion.core.messaging.QueueNotFoundException;
import ion.core.messaging.TransportUnavailableException;
import ion.core.messaging.codec.R1Codec;
import ion.core.messaging.spi.ConsumeOptions;
import ion.core.messaging.spi.ConsumerHandle;
import ion.core.messaging.spi.DeliveryHandler;
import ion.core.messaging.spi.QueueSpec;
import ion.core.messaging.spi.Transport;
import ion.core.messaging.spi.TransportListener;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transport} over one connection to a RabbitMQ broker (AMQP 0-9-1), with the R1 wire conventions: topic
 * exchanges, message bodies encoded by {@link R1Codec} and sent as {@code application/msgpack}, non-persistent.
 *
 * <p>Connection loss: the transport reconnects by itself every {@link AmqpSettings#recoveryInterval()}, and once
 * connected again declares the exchanges, queues and bindings it declared before and restarts its consumers;
 * then it tells its {@link TransportListener}s {@link TransportListener#recovered()}. In between every operation
 * fails at once with {@link TransportUnavailableException}. A queue the broker named (empty name in the
 * {@link QueueSpec}) comes back under a new broker-chosen name; the consumer follows it, bindings too.
 *
 * <p>Every operation that talks to the broker waits at most {@link AmqpSettings#connectionTimeout()} for it.
 * Declarations use their own channel, so that a declaration the broker refuses (which closes the channel it
 * came on, in AMQP) does not disturb publishing or consuming.
 *
 * <p>Thread-safe. Obtain one with {@link #connect(AmqpSettings)}; close it when done.
 */
public final class AmqpTransport implements Transport {
    /** The AMQP content type of every message sent. */
    public static final String CONTENT_TYPE = "application/msgpack";
    /** The AMQP content encoding of every message sent. */
    public static final String CONTENT_ENCODING = "binary";

    private static final Logger LOG = LoggerFactory.getLogger(AmqpTransport.class);
    private static final int NON_PERSISTENT = 1;
    private static final int MAX_PREFETCH = 65_535;
    private static final int CLIENT_INBOUND_BODY_LIMIT = 64 * 1024 * 1024;
    private static final AMQP.BasicProperties PUBLISH_PROPERTIES = new AMQP.BasicProperties.Builder()
            .contentType(CONTENT_TYPE)
            .contentEncoding(CONTENT_ENCODING)
            .deliveryMode(NON_PERSISTENT)
            .build();

    private enum State { CONNECTED, RECONNECTING, CLOSED }

    private record ExchangeFlags(boolean durable, boolean autoDelete) {
    }

    @FunctionalInterface
    private interface ChannelCall<T> {
        T call(Channel channel) throws IOException;
    }

    private final AmqpSettings settings;
    private final String address;
    private final String description;
    private final long timeoutMillis;
    private final R1Codec codec;
    private final ExecutorService dispatchExecutor;
    private final AutorecoveringConnection connection;
    private final List<TransportListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<AmqpConsumer> consumers = ConcurrentHashMap.newKeySet();
    private final Map<String, ExchangeFlags> declaredExchanges = new ConcurrentHashMap<>();
    private final Set<String> knownExchanges = ConcurrentHashMap.newKeySet();
    private final ReentrantLock publishLock = new ReentrantLock();
    private final ReentrantLock topologyLock = new ReentrantLock();
    private final ReentrantLock closeLock = new ReentrantLock();
    private final AtomicInteger unrestored = new AtomicInteger();
    private final AutorecoveringChannel topologyChannel;
    private final AutorecoveringChannel publishChannel;
    private volatile State state = State.CONNECTED;
    private volatile String lossReason = "";
    private volatile String blockedReason = "";
    private volatile long lostAtNanos;

    private AmqpTransport(AmqpSettings settings, String connectionName) throws IOException, TimeoutException {
        this.settings = settings;
        this.address = settings.brokerAddress();
        this.description = "amqp://" + settings.host() + ":" + settings.port() + "/"
                + ("/".equals(settings.vhost()) ? "" : URLEncoder.encode(settings.vhost(), StandardCharsets.UTF_8));
        this.timeoutMillis = settings.connectionTimeout().toMillis();
        this.codec = new R1Codec(settings.maxMessageSize());
        this.dispatchExecutor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("ion-amqp-dispatch-", 0).factory());
        Connection raw;
        try {
            raw = connectionFactory().newConnection(connectionName);
        } catch (IOException | TimeoutException | RuntimeException e) {
            dispatchExecutor.shutdownNow();
            throw e;
        }
        if (!(raw instanceof AutorecoveringConnection recovering)) {
            raw.abort((int) timeoutMillis);
            dispatchExecutor.shutdownNow();
            throw new IllegalStateException("the AMQP client returned a connection without automatic recovery");
        }
        this.connection = recovering;
        try {
            connection.addShutdownListener(this::connectionLost);
            connection.addRecoveryListener(new Recovery());
            connection.addQueueRecoveryListener(this::queueRenamed);
            connection.addBlockedListener(this::blocked, this::unblocked);
            this.topologyChannel = newChannel();
            this.publishChannel = newPublishChannel();
        } catch (IOException | RuntimeException e) {
            connection.abort((int) timeoutMillis);
            dispatchExecutor.shutdownNow();
            throw e;
        }
        knownExchanges.add("");
    }

    /**
     * Connects to the broker, naming the connection after this process in the broker's management views.
     *
     * @throws TransportUnavailableException if the broker cannot be reached or refuses the connection; the
     *         message names the broker and says how to start one
     */
    public static AmqpTransport connect(AmqpSettings settings) {
        return connect(settings, "ioncore (pid " + ProcessHandle.current().pid() + ")");
    }

    /**
     * Connects to the broker.
     *
     * @param connectionName how the broker's management views name this connection, e.g. the container id
     * @throws TransportUnavailableException if the broker cannot be reached or refuses the connection; the
     *         message names the broker and says how to start one
     */
    public static AmqpTransport connect(AmqpSettings settings, String connectionName) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(connectionName, "connectionName");
        try {
            AmqpTransport transport = new AmqpTransport(settings, connectionName);
            LOG.info("connected to RabbitMQ at {} as '{}'", transport.address, connectionName);
            return transport;
        } catch (AuthenticationFailureException e) {
            throw new TransportUnavailableException("cannot connect to RabbitMQ at " + settings.host() + ":"
                    + settings.port() + " (vhost " + settings.vhost() + "): the broker refused the login of user '"
                    + settings.username() + "' (" + e.getMessage() + "); check the broker username and password",
                    e);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw new TransportUnavailableException("cannot connect to RabbitMQ at " + settings.host() + ":"
                    + settings.port() + " (vhost " + settings.vhost() + "): " + rootMessage(e)
                    + "; is the broker running? start it with 'rabbitmq-server -detached' or pass -h HOST", e);
        }
    }

    private ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.host());
        factory.setPort(settings.port());
        factory.setVirtualHost(settings.vhost());
        factory.setUsername(settings.username());
        factory.setPassword(settings.password());
        factory.setRequestedHeartbeat((int) settings.heartbeat().toSeconds());
        int timeout = (int) timeoutMillis;
        factory.setConnectionTimeout(timeout);
        factory.setHandshakeTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        factory.setChannelRpcTimeout(timeout);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        // Larger bodies make the client drop the whole connection; let them through so that the codec rejects
        // them one by one instead.
        factory.setMaxInboundMessageBodySize((int) Math.max(settings.maxMessageSize(), CLIENT_INBOUND_BODY_LIMIT));
        factory.setThreadFactory(Thread.ofVirtual().name("ion-amqp-", 0).factory());
        factory.setSharedExecutor(dispatchExecutor);
        factory.setExceptionHandler(new ClientErrors());
        return factory;
    }

    /** The settings this transport was created with. */
    public AmqpSettings settings() {
        return settings;
    }

    /** True while the connection is up; false while it is being re-established, and after {@link #close()}. */
    public boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** {@code amqp://host:port/} followed by the vhost when it is not {@code /}. */
    @Override
    public String description() {
        return description;
    }

    /**
     * Declares a topic exchange. Every call asks the broker (so an auto-delete exchange that went away is created
     * again); publishing never does.
     *
     * @throws MessagingException if the exchange exists with other flags; the message carries the broker's text
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void declareExchange(String name, boolean durable, boolean autoDelete) {
        Objects.requireNonNull(name, "name");
        onTopologyChannel("declare exchange '" + name + "'", "", ch -> ch.exchangeDeclare(name,
                BuiltinExchangeType.TOPIC, durable, autoDelete, Map.of()));
        declaredExchanges.put(name, new ExchangeFlags(durable, autoDelete));
        knownExchanges.add(name);
        LOG.debug("declared topic exchange '{}' (durable={}, autoDelete={}) on {}", name, durable, autoDelete,
                address);
    }

    /**
     * Declares a queue with exactly the spec's flags; an idle expiry becomes the queue's {@code x-expires}, a
     * length limit its {@code x-max-length} and {@code x-overflow} (the latter only with a limit).
     *
     * @return the queue's name, chosen by the broker when the spec's name is empty
     * @throws QueueLockedException if the queue is exclusive to another connection
     * @throws MessagingException if the queue exists with other flags; the message carries the broker's text
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalArgumentException if the idle expiry is not a positive number of milliseconds
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public String declareQueue(QueueSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, Object> arguments = queueArguments(spec);
        String queue = onTopologyChannel("declare queue '" + spec.name() + "'", spec.name(), ch -> ch.queueDeclare(
                spec.name(), spec.durable(), spec.exclusive(), spec.autoDelete(), arguments).getQueue());
        LOG.debug("declared queue '{}' (exclusive={}, autoDelete={}, durable={}, arguments={}) on {}", queue,
                spec.exclusive(), spec.autoDelete(), spec.durable(), arguments, address);
        return queue;
    }

    private static Map<String, Object> queueArguments(QueueSpec spec) {
        Map<String, Object> arguments = new HashMap<>();
        spec.idleExpiry().ifPresent(expiry -> arguments.put("x-expires", expiresMillis(expiry)));
        spec.maxLength().ifPresent(max -> {
            arguments.put("x-max-length", max);
            arguments.put("x-overflow", spec.overflow().wireName());
        });
        return arguments;
    }

    private static long expiresMillis(Duration expiry) {
        long millis = expiry.toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("queue idle expiry must be at least 1ms, was " + expiry);
        }
        return millis;
    }

    /**
     * Deletes an exchange and its bindings; nothing happens if it does not exist. It is no longer restored after
     * a reconnection.
     *
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void deleteExchange(String name) {
        Objects.requireNonNull(name, "name");
        declaredExchanges.remove(name);
        knownExchanges.remove(name);
        onTopologyChannel("delete exchange '" + name + "'", "", ch -> ch.exchangeDelete(name));
        LOG.debug("deleted exchange '{}' on {}", name, address);
    }

    /**
     * Binds a queue to an exchange.
     *
     * @throws QueueNotFoundException if the queue does not exist
     * @throws ExchangeNotFoundException if the exchange does not exist; the message carries the broker's text
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void bind(String queue, String exchange, String bindingKey) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(bindingKey, "bindingKey");
        onTopologyChannel("bind queue '" + queue + "' to exchange '" + exchange + "' with key '" + bindingKey + "'",
                queue, ch -> ch.queueBind(queue, exchange, bindingKey));
        LOG.debug("bound queue '{}' to exchange '{}' with key '{}' on {}", queue, exchange, bindingKey, address);
    }

    /**
     * Removes a binding; nothing happens if the binding, the queue or the exchange does not exist.
     *
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void unbind(String queue, String exchange, String bindingKey) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(bindingKey, "bindingKey");
        try {
            onTopologyChannel("unbind queue '" + queue + "' from exchange '" + exchange + "' with key '"
                    + bindingKey + "'", queue, ch -> ch.queueUnbind(queue, exchange, bindingKey));
            LOG.debug("unbound queue '{}' from exchange '{}' with key '{}' on {}", queue, exchange, bindingKey,
                    address);
        } catch (MessagingException e) {
            if (!isNotFound(e)) {
                throw e;
            }
            LOG.debug("nothing to unbind: {}", e.getMessage());
        }
    }

    /**
     * Deletes a queue and its messages; nothing happens if it does not exist. This transport's consumers of the
     * queue are cancelled first.
     *
     * @throws QueueLockedException if the queue is exclusive to another connection
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void deleteQueue(String queue) {
        Objects.requireNonNull(queue, "queue");
        requireConnected("delete queue '" + queue + "'");
        consumers.stream().filter(c -> c.queue().equals(queue)).forEach(AmqpConsumer::cancel);
        try {
            onTopologyChannel("delete queue '" + queue + "'", queue, ch -> ch.queueDelete(queue));
            LOG.debug("deleted queue '{}' on {}", queue, address);
        } catch (QueueNotFoundException e) {
            LOG.debug("queue '{}' on {} was already gone", queue, address);
        }
    }

    /**
     * The number of ready messages in a queue, as a passive declare reports it.
     *
     * @throws QueueNotFoundException if the queue does not exist
     * @throws QueueLockedException if the queue is exclusive to another connection
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public long messageCount(String queue) {
        Objects.requireNonNull(queue, "queue");
        return onTopologyChannel("count the messages of queue '" + queue + "'", queue,
                ch -> ch.queueDeclarePassive(queue).getMessageCount());
    }

    /**
     * Publishes a message: routed by the exchange, non-persistent, not mandatory (a message no queue matches is
     * dropped by the broker). The first publish to an exchange that this transport did not declare checks that it
     * exists.
     *
     * @throws MessageTooLargeException if the encoded message exceeds {@link AmqpSettings#maxMessageSize()}
     * @throws TransportUnavailableException at once while the connection is down or being re-established, or
     *         while the broker blocks publishers (resource alarm); nothing was sent
     * @throws ExchangeNotFoundException if the exchange does not exist; nothing was sent
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public void publish(String exchange, String routingKey, Message message) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(message, "message");
        byte[] body = codec.encode(message);
        if (state != State.CONNECTED) {
            requireConnected(publishOperation(exchange, routingKey));
        }
        if (!blockedReason.isEmpty()) {
            throw new TransportUnavailableException("cannot " + publishOperation(exchange, routingKey)
                    + ": RabbitMQ at " + address + " is blocking publishers (" + blockedReason
                    + "); nothing was sent, try again later");
        }
        if (!knownExchanges.contains(exchange)) {
            learnExchange(exchange, publishOperation(exchange, routingKey));
        }
        if (Thread.currentThread().isInterrupted() || !publishLock.tryLock()) {
            lock(publishLock, publishOperation(exchange, routingKey));
        }
        try {
            Channel channel = publishChannel.isOpen() ? publishChannel
                    : usablePublishChannel(publishOperation(exchange, routingKey));
            channel.basicPublish(exchange, routingKey, false, PUBLISH_PROPERTIES, body);
        } catch (IOException | ShutdownSignalException e) {
            throw unavailable(publishOperation(exchange, routingKey), e);
        } finally {
            publishLock.unlock();
        }
    }

    /** What a publish does, for its error messages; built only when one is needed. */
    private static String publishOperation(String exchange, String routingKey) {
        return "publish to exchange '" + exchange + "' with key '" + routingKey + "'";
    }

    private void learnExchange(String exchange, String operation) {
        ExchangeFlags flags = declaredExchanges.get(exchange);
        try {
            if (flags != null) {
                onTopologyChannel("declare exchange '" + exchange + "' again", "", ch -> ch.exchangeDeclare(
                        exchange, BuiltinExchangeType.TOPIC, flags.durable(), flags.autoDelete(), Map.of()));
            } else {
                onTopologyChannel(operation, "", ch -> ch.exchangeDeclarePassive(exchange));
            }
        } catch (MessagingException e) {
            if (!isNotFound(e)) {
                throw e;
            }
            throw new ExchangeNotFoundException("cannot " + operation + ": the exchange does not exist on "
                    + address + "; declare it first", e);
        }
        knownExchanges.add(exchange);
    }

    /**
     * Starts a consumer on its own channel: manual acknowledgement, the options' prefetch for this consumer alone.
     * Deliveries whose body is not a valid message are discarded (rejected without requeue) and reported to
     * {@link DeliveryHandler#onMalformed}. A handler that throws has its delivery discarded too, and the error
     * logged.
     *
     * @throws QueueNotFoundException if the queue does not exist
     * @throws QueueLockedException if the queue is exclusive to another connection, or has an exclusive consumer,
     *         or the options ask for exclusivity and the queue has consumers
     * @throws TransportUnavailableException if the broker is unreachable
     * @throws IllegalArgumentException if the prefetch exceeds 65535, the AMQP maximum
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public ConsumerHandle consume(String queue, ConsumeOptions options, DeliveryHandler handler) {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        if (options.prefetch() > MAX_PREFETCH) {
            throw new IllegalArgumentException("prefetch must be at most " + MAX_PREFETCH + " in AMQP, was "
                    + options.prefetch());
        }
        String operation = "consume from queue '" + queue + "'";
        requireConnected(operation);
        AutorecoveringChannel channel;
        try {
            channel = newChannel();
        } catch (IOException | ShutdownSignalException e) {
            throw unavailable(operation, e);
        }
        AmqpConsumer consumer = new AmqpConsumer(this, channel, queue, handler, codec, timeoutMillis);
        try {
            channel.basicQos(options.prefetch(), false);
            String tag = channel.basicConsume(queue, false, "", false, options.exclusive(), Map.of(), consumer);
            consumer.started(tag);
        } catch (IOException | ShutdownSignalException e) {
            abortQuietly(channel);
            throw failure(operation, e, queue);
        }
        consumers.add(consumer);
        if (state == State.CLOSED) {
            consumer.cancel();
            throw closedException(operation);
        }
        LOG.debug("consuming from queue '{}' on {} (prefetch={}, exclusive={})", queue, address,
                options.prefetch(), options.exclusive());
        return consumer;
    }

    /** Registers a listener, told on a transport thread when the connection is lost and when it is back. */
    @Override
    public void addListener(TransportListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Closes the connection, waiting at most {@link AmqpSettings#connectionTimeout()} for the broker: consumers
     * stop, unsettled deliveries go back to their queues, exclusive queues are deleted. Idempotent; never throws.
     */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        } finally {
            closeLock.unlock();
        }
        consumers.forEach(AmqpConsumer::transportClosed);
        consumers.clear();
        try {
            connection.close((int) timeoutMillis);
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("closing the connection to {} did not complete cleanly: {}", address, rootMessage(e));
            connection.abort((int) timeoutMillis);
        } finally {
            dispatchExecutor.shutdown();
        }
        LOG.info("closed the connection to RabbitMQ at {}", address);
    }

    void forget(AmqpConsumer consumer) {
        consumers.remove(consumer);
    }

    String address() {
        return address;
    }

    private AutorecoveringChannel newChannel() throws IOException {
        Channel channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the broker has no free channel left on this connection");
        }
        return (AutorecoveringChannel) channel;
    }

    private AutorecoveringChannel newPublishChannel() throws IOException {
        AutorecoveringChannel channel = newChannel();
        channel.addShutdownListener(cause -> {
            if (cause.isHardError() || cause.isInitiatedByApplication()) {
                return;
            }
            knownExchanges.retainAll(Set.of(""));
            if (cause.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND) {
                // An auto-delete exchange went away with its last binding: nothing could have been routed anyway.
                LOG.info("RabbitMQ at {} dropped a message: {}; publishing goes on, the exchange is checked again"
                        + " on its next use", address, close.getReplyText());
            } else {
                LOG.warn("RabbitMQ at {} closed the publish channel ({}); a message published just before may be"
                        + " lost; the channel is reopened on the next publish", address, reasonOf(cause));
            }
        });
        return channel;
    }

    private Channel usablePublishChannel(String operation) throws IOException {
        if (publishChannel.isOpen()) {
            return publishChannel;
        }
        if (!connection.isOpen()) {
            throw unavailable(operation, new IOException("connection closed"));
        }
        connection.recoverChannel(publishChannel);
        return publishChannel;
    }

    private <T> T onTopologyChannel(String operation, String queue, ChannelCall<T> call) {
        requireConnected(operation);
        lock(topologyLock, operation);
        try {
            if (!topologyChannel.isOpen()) {
                reviveTopologyChannel();
            }
            try {
                return call.call(topologyChannel);
            } catch (IOException | ShutdownSignalException e) {
                RuntimeException failure = failure(operation, e, queue);
                reviveTopologyChannel();
                throw failure;
            }
        } finally {
            topologyLock.unlock();
        }
    }

    /**
     * Replaces the declaration channel's broken AMQP channel by a fresh one under the same client-side channel
     * object, which the client's topology recovery refers to for everything declared through it. Called with
     * {@link #topologyLock} held.
     */
    private void reviveTopologyChannel() {
        if (topologyChannel.isOpen() || !connection.isOpen()) {
            return;
        }
        try {
            connection.recoverChannel(topologyChannel);
            LOG.debug("reopened the declaration channel to {}", address);
        } catch (IOException | ShutdownSignalException e) {
            LOG.debug("could not reopen the declaration channel to {} yet: {}", address, rootMessage(e));
        }
    }

    private static void abortQuietly(Channel channel) {
        try {
            channel.abort();
        } catch (IOException | ShutdownSignalException e) {
            LOG.trace("aborting a channel failed", e);
        }
    }

    private void requireConnected(String operation) {
        State current = state;
        if (current == State.CLOSED) {
            throw closedException(operation);
        }
        if (current == State.RECONNECTING) {
            throw new TransportUnavailableException(unavailableMessage(operation));
        }
    }

    private IllegalStateException closedException(String operation) {
        return new IllegalStateException("cannot " + operation + ": the transport to " + address + " is closed");
    }

    private String unavailableMessage(String operation) {
        String reason = lossReason.isEmpty() ? "" : " (" + lossReason + ")";
        return "cannot " + operation + ": the connection to RabbitMQ at " + address + " is down" + reason
                + "; reconnecting every " + settings.recoveryInterval().toMillis()
                + "ms; nothing was sent, try again later";
    }

    private RuntimeException unavailable(String operation, Exception cause) {
        if (state == State.CLOSED) {
            return closedException(operation);
        }
        return new TransportUnavailableException(unavailableMessage(operation) + " [" + rootMessage(cause) + "]",
                cause);
    }

    private RuntimeException failure(String operation, Exception e, String queue) {
        AMQP.Channel.Close refusal = channelRefusal(e);
        if (refusal == null) {
            if (e instanceof ChannelContinuationTimeoutException) {
                return new TransportUnavailableException("cannot " + operation + ": RabbitMQ at " + address
                        + " did not answer within " + timeoutMillis + "ms", e);
            }
            return unavailable(operation, e);
        }
        String text = refusal.getReplyText();
        String what = "cannot " + operation + " on " + address + ": " + text;
        RuntimeException mapped = switch (refusal.getReplyCode()) {
            case AMQP.RESOURCE_LOCKED -> new QueueLockedException(what);
            case AMQP.ACCESS_REFUSED -> text.contains("exclusive")
                    ? new QueueLockedException(what) : new MessagingException(what, e);
            case AMQP.NOT_FOUND -> text.contains("no queue") && !queue.isEmpty() ? new QueueNotFoundException(queue)
                    : text.contains("no exchange") ? new ExchangeNotFoundException(what, e)
                    : new MessagingException(what, e);
            default -> new MessagingException(what, e);
        };
        if (mapped.getCause() == null) {
            mapped.initCause(e);
        }
        return mapped;
    }

    private static boolean isNotFound(MessagingException e) {
        AMQP.Channel.Close refusal = channelRefusal(e);
        return refusal != null && refusal.getReplyCode() == AMQP.NOT_FOUND;
    }

    /** The broker's answer when it closed the channel in reply to the failed operation; {@code null} if not. */
    private static AMQP.Channel.Close channelRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal && !(t instanceof AlreadyClosedException)
                    && !signal.isHardError() && signal.getReason() instanceof AMQP.Channel.Close close) {
                return close;
            }
        }
        return null;
    }

    static String reasonOf(ShutdownSignalException cause) {
        if (cause.getReason() instanceof AMQP.Connection.Close close) {
            return close.getReplyText();
        }
        if (cause.getReason() instanceof AMQP.Channel.Close close) {
            return close.getReplyText();
        }
        return rootMessage(cause);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof ShutdownSignalException signal && signal.getReason() != null
                ? reasonOf(signal) : root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private void lock(ReentrantLock lock, String operation) {
        try {
            if (!lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new TransportUnavailableException("cannot " + operation + ": the channel to " + address
                        + " stayed busy for " + timeoutMillis + "ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting to " + operation, e);
        }
    }

    private void connectionLost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication() || state == State.CLOSED) {
            return;
        }
        lossReason = reasonOf(cause);
        lostAtNanos = System.nanoTime();
        blockedReason = "";
        state = State.RECONNECTING;
        LOG.warn("lost the connection to RabbitMQ at {}: {}; reconnecting every {}ms", address, lossReason,
                settings.recoveryInterval().toMillis());
        for (TransportListener listener : listeners) {
            try {
                listener.disconnected(cause);
            } catch (RuntimeException e) {
                LOG.error("transport listener {} failed on disconnect", listener, e);
            }
        }
    }

    private final class Recovery implements RecoveryListener {
        @Override
        public void handleRecoveryStarted(Recoverable recoverable) {
            unrestored.set(0);
            LOG.debug("recovery of the connection to {} started", address);
        }

        @Override
        public void handleRecovery(Recoverable recoverable) {
            if (state == State.CLOSED) {
                return;
            }
            lossReason = "";
            knownExchanges.retainAll(Set.of(""));
            state = State.CONNECTED;
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAtNanos);
            int failed = unrestored.get();
            if (failed == 0) {
                LOG.info("connection to RabbitMQ at {} recovered after {}ms; exchanges, queues, bindings and"
                        + " consumers restored", address, millis);
            } else {
                LOG.warn("connection to RabbitMQ at {} recovered after {}ms, but {} exchange(s), queue(s), binding(s)"
                        + " or consumer(s) could not be restored (logged above)", address, millis, failed);
            }
            for (TransportListener listener : listeners) {
                try {
                    listener.recovered();
                } catch (RuntimeException e) {
                    LOG.error("transport listener {} failed on recovery", listener, e);
                }
            }
        }
    }

    private void queueRenamed(String oldName, String newName) {
        if (!oldName.equals(newName)) {
            LOG.info("broker-named queue '{}' is '{}' after reconnecting to {}", oldName, newName, address);
            consumers.forEach(c -> c.queueRenamed(oldName, newName));
        }
    }

    private void blocked(String reason) {
        blockedReason = reason == null || reason.isBlank() ? "resource alarm" : reason;
        LOG.warn("RabbitMQ at {} blocks publishers: {}", address, blockedReason);
    }

    private void unblocked() {
        blockedReason = "";
        LOG.info("RabbitMQ at {} accepts publishers again", address);
    }

    /** Turns the client's error reports into log lines, and keeps topology recovery going after a refusal. */
    private final class ClientErrors extends ForgivingExceptionHandler {
        @Override
        public void handleUnexpectedConnectionDriverException(Connection conn, Throwable exception) {
            LOG.debug("I/O error on the connection to {}: {}", address, rootMessage(exception));
        }

        @Override
        public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
            LOG.debug("reconnecting to {} failed: {}", address, rootMessage(exception));
        }

        @Override
        public void handleChannelRecoveryException(Channel ch, Throwable exception) {
            LOG.warn("could not reopen channel {} after reconnecting to {}: {}", ch.getChannelNumber(), address,
                    rootMessage(exception));
        }

        @Override
        public void handleTopologyRecoveryException(Connection conn, Channel ch, TopologyRecoveryException e) {
            unrestored.incrementAndGet();
            LOG.warn("could not restore {} after reconnecting to {}: {}", e.getRecordedEntity(), address,
                    rootMessage(e));
            try {
                if (topologyLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    try {
                        reviveTopologyChannel();
                    } finally {
                        topologyLock.unlock();
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
