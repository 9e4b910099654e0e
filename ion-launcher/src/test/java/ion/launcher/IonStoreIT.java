package ion.launcher;

import static ion.launcher.ScriptProcess.FINISH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.SpawnOptions;
import ion.core.testing.RequiresBrokerExtension;
import ion.object.proto.Person;
import ion.object.repository.Repository;
import ion.services.datastore.DatastoreClient;
import ion.services.datastore.DatastoreService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ion-store} as its own OS process, asking through RabbitMQ a datastore whose container holds the
 * embedded store.
 */
@ExtendWith(RequiresBrokerExtension.class)
class IonStoreIT {

    @Test
    void ionStoreShowsTheLogOfARepositoryWhileAContainerHoldsTheEmbeddedStore(@TempDir Path dir) throws Exception {
        String sysname = ScriptProcess.uniqueSysname();
        AmqpSettings broker = AmqpSettings.defaults()
                .withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        ContainerOptions options = ContainerOptions.defaults()
                .withSysname(sysname)
                .withTransport(max -> AmqpTransport.connect(broker.withMaxMessageSize(max)));
        try (Container container = Container.start(options)) {
            container.processes().spawn(new DatastoreService(), SpawnOptions.defaults()
                    .withArgs(Map.of("store-dir", dir.toString())));
            Repository repository = Repository.builder("it-book").author("ann").create();
            repository.setRoot(Person.newBuilder().setName("one").build());
            repository.commit("only commit");
            new DatastoreClient(container.newClient("pusher")).push(repository);
            String[] common = {"-h", RequiresBrokerExtension.brokerHost(), "-p",
                Integer.toString(RequiresBrokerExtension.brokerPort()), "-a", "sysname=" + sysname};

            try (ScriptProcess log = ScriptProcess.start("ion-store", concat(common, "log", "it-book"));
                    ScriptProcess unknown = ScriptProcess.start("ion-store", concat(common, "objects", "nope"))) {
                assertEquals(0, log.awaitExit(FINISH), log.report());
                assertTrue(log.stdout().contains(repository.head(Repository.MASTER).orElseThrow() + " "),
                        log.report());
                assertTrue(log.stdout().contains(" ann "), log.report());
                assertTrue(log.stdout().contains(" only commit "), log.report());
                assertEquals(1, unknown.awaitExit(FINISH), unknown.report());
                assertTrue(unknown.stderr().startsWith("ion-store: no repository with id nope"), unknown.report());
            }
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
