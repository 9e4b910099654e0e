package ion.core.messaging.spi;

/** Told when a transport loses and regains its broker. Called on a transport thread; must not block. */
public interface TransportListener {
    /** The connection broke; publishing fails until {@link #recovered()}. */
    default void disconnected(Throwable cause) {
    }

    /** The connection is back, with its exchanges, queues, bindings and consumers declared again. */
    default void recovered() {
    }
}
