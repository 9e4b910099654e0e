package ion.services.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.amqp.AmqpSettings;
import ion.core.messaging.amqp.AmqpTransport;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.core.testing.RequiresBrokerExtension;
import ion.object.ObjectKey;
import ion.object.proto.Person;
import ion.object.repository.Repository;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The datastore protocol between two containers through RabbitMQ, where content is R1 msgpack: binary that is
 * valid UTF-8 arrives as a string, numbers as longs.
 */
@ExtendWith(RequiresBrokerExtension.class)
class DatastoreAmqpIT {
    private final String sysname = "ds-it-" + UUID.randomUUID();
    private final String exchange = "ds-it-" + UUID.randomUUID();
    private Container service;
    private Container clients;

    @BeforeEach
    void start() {
        service = start("svc");
        service.processes().spawn(new DatastoreService(), SpawnOptions.defaults()
                .withArgs(Map.of(DatastoreService.BATCH_BYTES_ARG, 300)));
        clients = start("cli");
    }

    @AfterEach
    void stop() {
        clients.close();
        service.close();
    }

    private Container start(String id) {
        AmqpSettings settings = AmqpSettings.defaults().withHost(RequiresBrokerExtension.brokerHost())
                .withPort(RequiresBrokerExtension.brokerPort());
        return Container.start(ContainerOptions.defaults()
                .withSysname(sysname)
                .withContainerId(id + "-" + UUID.randomUUID())
                .withExchange(exchange)
                .withTransport(max -> AmqpTransport.connect(settings.withMaxMessageSize(max))));
    }

    @Test
    void pushPullCheckoutAndFetchMoveOnlyMissingObjectsThroughRabbitMq() {
        DatastoreClient processA = new DatastoreClient(clients.newClient("A"), DatastoreService.NAME, 200);
        DatastoreClient processB = new DatastoreClient(clients.newClient("B"));
        Repository mine = DatastoreServiceTest.threeVersions("amqp-book");
        PushResult first = processA.push(mine);
        PullResult cloned = processB.pull(Repository.create("amqp-book"));
        mine.setRoot(Person.newBuilder().setName("version 4").build());
        mine.commit("fourth");

        PushResult second = processA.push(mine);
        PullResult updated = processB.pull(cloned.repository());
        PullResult nothingNew = processB.pull(cloned.repository());

        assertEquals(6, first.objectsSent());
        assertTrue(first.roundTrips() > 2, "batches of 200 bytes: " + first.roundTrips());
        assertEquals(6, cloned.objectsReceived());
        assertTrue(cloned.roundTrips() > 1, "batches of 300 bytes: " + cloned.roundTrips());
        assertEquals(2, second.objectsSent());
        assertEquals(2, updated.objectsReceived());
        assertEquals(0, nothingNew.objectsReceived());
        assertEquals(mine.history(), updated.repository().history());
        ObjectKey middle = mine.log().get(2).key();
        assertEquals("version 2", processB.checkout("amqp-book", middle).root(Person.class).orElseThrow().getName());
        assertEquals(List.of(mine.store().get(middle).orElseThrow()), processB.fetch(List.of(middle)));
        assertEquals(4, processB.log("amqp-book").size());
        assertEquals(8, processB.objects("amqp-book").size());
        ReceivedError e = assertThrows(ReceivedError.class, () -> processB.pull("not-there"));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
    }
}
