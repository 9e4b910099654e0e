/**
 * Events: short notices that something happened somewhere in a system, published on the system's events exchange
 * point {@code <sysname>.events.topic} for any number of subscribers, without knowing whether anyone listens.
 *
 * <p>An {@link ion.core.event.Event} has a numeric id saying what kind of thing happened (the catalogue is
 * {@link ion.core.event.EventType}), an origin saying where (a resource id, a container id, a process id), a
 * time, a description and a payload map. It travels with routing key {@code <event-id>.<origin>}, so that an
 * {@link ion.core.event.EventSubscriber} chooses what it hears with an {@link ion.core.event.EventFilter}: by id,
 * by origin, or both, with the AMQP wildcards. {@link ion.core.event.EventPublisher} publishes from a process or
 * from a container.
 */
package ion.core.event;
