package ion.core.service;

import ion.core.messaging.Scope;
import ion.core.process.Process;
import ion.core.process.ReceiverKind;

/**
 * A process that offers a named service. Besides its own queue it consumes the system-scoped worker queue
 * {@code <sysname>.<service name>}, which every instance of the service shares (in this container and in any
 * other container of the same system), one message at a time each, acknowledged after the handler finished.
 * The spawn argument {@code servicename} overrides the declared name.
 */
public abstract class ServiceProcess extends Process {
    /** The spawn argument that overrides the declared service name. */
    public static final String SERVICE_NAME_ARG = "servicename";

    private String serviceName;
    private String serviceQueue;

    /** The service's declaration. */
    public abstract ServiceDeclaration declaration();

    /** The name this instance serves under: the {@code servicename} spawn argument, else the declared name. */
    public final String serviceName() {
        if (serviceName == null) {
            Object override = spawnArgs().get(SERVICE_NAME_ARG);
            serviceName = override instanceof String s && !s.isBlank() ? s : declaration().name();
        }
        return serviceName;
    }

    /** The exchange name of the shared service queue, {@code <sysname>.<service name>}. */
    public final String serviceQueue() {
        if (serviceQueue == null) {
            serviceQueue = qualify(serviceName(), Scope.SYSTEM);
        }
        return serviceQueue;
    }

    /** Joins the service's worker queue, then calls {@link #onServiceInit()}. */
    @Override
    protected final void onInit() {
        addReceiver(ReceiverKind.WORKER, serviceName(), Scope.SYSTEM);
        onServiceInit();
    }

    /** Called on initialize, after the service queue was declared. */
    protected void onServiceInit() {
    }
}
