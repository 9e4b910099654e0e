package ion.bench;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.local.LocalBroker;

/** The ioncore side's in-JVM containers: default options, a broker of their own, fixed names. */
public final class InJvm {
    private InJvm() {
    }

    /** Starts a container on a new, private in-JVM broker, with container id and sysname {@code name}. */
    public static Container start(String name) {
        LocalBroker broker = new LocalBroker(name);
        return Container.start(ContainerOptions.defaults().withTransport(broker::connect).withContainerId(name)
                .withSysname(name));
    }
}
