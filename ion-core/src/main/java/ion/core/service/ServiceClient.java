package ion.core.service;

import ion.core.messaging.Message;
import ion.core.messaging.Scope;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Base of typed clients of a service. It sends through a given process (the caller) to the service's shared
 * queue {@code <sysname>.<service name>}, or to another target given explicitly (a process id, for a specific
 * instance). Subclasses add one method per operation.
 */
public class ServiceClient {
    private final Process caller;
    private final String target;

    /**
     * A client of the named service in the caller's system.
     *
     * @param caller the process that sends and receives the replies; must be spawned
     * @param serviceName the service name, e.g. {@code hello}
     */
    protected ServiceClient(Process caller, String serviceName) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.target = caller.qualify(serviceName, Scope.SYSTEM);
    }

    /**
     * A client of one particular instance of a service.
     *
     * @param caller the process that sends and receives the replies; must be spawned
     * @param instance the id of the service process to call
     */
    protected ServiceClient(Process caller, ProcessId instance) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.target = instance.toString();
    }

    /** The receiver name requests go to. */
    public final String target() {
        return target;
    }

    /** The calling process. */
    protected final Process caller() {
        return caller;
    }

    /** Calls an operation with the default timeout. */
    protected final Message rpc(String op, Object content) {
        return caller.rpc(target, op, content);
    }

    /** Calls an operation with a timeout. */
    protected final Message rpc(String op, Object content, Duration timeout) {
        return caller.rpc(target, op, content, timeout);
    }

    /** Calls an operation without blocking. */
    protected final CompletableFuture<Message> rpcAsync(String op, Object content, Duration timeout) {
        return caller.rpcAsync(target, op, content, timeout);
    }

    /** Sends a one-way message. */
    protected final void send(String op, Object content) {
        caller.send(target, op, content);
    }
}
