/**
 * What services of this module share: {@link ion.services.support.StoreBackedService}, a service keeping its data
 * in one index store chosen by its spawn arguments ({@link ion.services.support.ServiceStorage});
 * {@link ion.services.support.RequestContent}, which reads a request's map content field by field; and
 * {@link ion.services.support.RequestException}, a refusal that becomes an ERROR reply.
 */
package ion.services.support;
