/**
 * The messaging {@link ion.core.messaging.spi.Transport} over a RabbitMQ broker: {@link
 * ion.core.messaging.amqp.AmqpTransport}, configured by {@link ion.core.messaging.amqp.AmqpSettings}.
 */
package ion.core.messaging.amqp;
