/** R1's GPB message content: the {@code gpb} interceptor and the typed {@link ion.object.messaging.ObjectMessage}. */
package ion.object.messaging;
