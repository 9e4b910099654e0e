/**
 * The container agent: announcements, heartbeats and the peer table through which the containers of one system
 * know of each other, and the management operations ({@code identify}, {@code ping}, {@code spawn},
 * {@code get_info}) served on {@code <container-id>.agent}. See {@link ion.core.container.agent.ContainerAgent}.
 */
package ion.core.container.agent;
