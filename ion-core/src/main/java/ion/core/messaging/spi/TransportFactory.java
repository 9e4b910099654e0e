package ion.core.messaging.spi;

/** Opens a connection to a broker; the container calls it once at start. */
@FunctionalInterface
public interface TransportFactory {
    /**
     * Opens the connection.
     *
     * @param maxMessageSize the largest message the transport sends or accepts, in bytes
     * @throws ion.core.messaging.TransportUnavailableException if the broker cannot be reached
     */
    Transport open(long maxMessageSize);
}
