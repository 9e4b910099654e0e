package ion.core.messaging.spi;

import ion.core.messaging.MalformedMessageException;

/**
 * Receives deliveries from one consumer. Called on a transport thread, one call at a time per consumer and in
 * queue order; implementations must hand the work off and return quickly, never block.
 */
public interface DeliveryHandler {
    /** A message arrived. */
    void onDelivery(Delivery delivery);

    /**
     * Bytes arrived that are not a valid message. The transport has already settled them (they are not
     * redelivered). The handler decides whether to answer the sender.
     */
    void onMalformed(String queue, MalformedMessageException problem);
}
