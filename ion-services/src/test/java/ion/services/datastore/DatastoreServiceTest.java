package ion.services.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Process;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.object.repository.Commit;
import ion.object.repository.Repository;
import ion.object.proto.Person;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreServiceTest {
    private Container container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void restartedContainerStillHasEveryVersionAndTheHistoryOfAPushedRepository(@TempDir Path dir) {
        Repository original = threeVersions("address-book");
        startWithDatastore(Map.of("store-dir", dir.toString()));
        DatastoreClient processA = new DatastoreClient(container.newClient("A"));
        Map<?, ?> summary = processA.push(original);
        assertEquals(3L, ((Number) summary.get("commits")).longValue());
        assertEquals(Map.of(Repository.MASTER, original.head(Repository.MASTER).orElseThrow().toString()),
                summary.get("branches"));
        container.close();

        startWithDatastore(Map.of("store-dir", dir.toString()));
        Repository pulled = new DatastoreClient(container.newClient("B")).pull("address-book");

        List<Commit> log = pulled.log();
        assertEquals(List.of("third", "second", "first"), log.stream().map(Commit::comment).toList());
        assertEquals(original.history(), pulled.history());
        assertEquals("version 3", pulled.root(Person.class).orElseThrow().getName());
        for (int i = 0; i < 3; i++) {
            pulled.checkoutCommit(log.get(i).key());
            assertEquals("version " + (3 - i), pulled.root(Person.class).orElseThrow().getName());
        }
    }

    @Test
    void pullOfAnUnknownIdIsNotFound() {
        startWithDatastore(Map.of());
        DatastoreClient client = new DatastoreClient(container.newClient("client"));

        ReceivedError e = assertThrows(ReceivedError.class, () -> client.pull("nothing-here"));

        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
    }

    @Test
    void fastForwardPushIsAcceptedAndDivergedPushIsRefusedNamingTheBranch() {
        startWithDatastore(Map.of());
        DatastoreClient client = new DatastoreClient(container.newClient("client"));
        Repository mine = threeVersions("shared");
        client.push(mine);
        Repository theirs = client.pull("shared");
        mine.setRoot(person("mine 4"));
        mine.commit("mine");
        theirs.setRoot(person("theirs 4"));
        theirs.commit("theirs");

        client.push(mine);
        ReceivedError e = assertThrows(ReceivedError.class, () -> client.push(theirs));

        assertEquals(ResponseCodes.APP_RESOURCE_DIVERGED, e.responseCode());
        assertTrue(e.exceptionText().contains("'" + Repository.MASTER + "'"), e.exceptionText());
        assertEquals(mine.head(Repository.MASTER), client.pull("shared").head(Repository.MASTER));
    }

    @Test
    void malformedBytesAreABadRequestAndTheServiceKeepsServing() {
        startWithDatastore(Map.of());
        Process caller = container.newClient("client");
        DatastoreClient client = new DatastoreClient(caller);

        ReceivedError e = assertThrows(ReceivedError.class, () -> caller.rpc(client.target(), "push",
                Map.of("id", "broken", "repository", "not a structure".getBytes(StandardCharsets.UTF_8))));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        assertTrue(e.exceptionText().contains("not a packed repository"), e.exceptionText());
        client.push(threeVersions("fine"));
        assertEquals(List.of("fine"), client.list());
    }

    @Test
    void listNamesEveryPushedRepository() {
        startWithDatastore(Map.of());
        DatastoreClient client = new DatastoreClient(container.newClient("client"));
        assertEquals(List.of(), client.list());

        client.push(threeVersions("b"));
        client.push(threeVersions("a"));

        assertEquals(List.of("a", "b"), client.list());
    }

    @Test
    void datastoreIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(DatastoreService.NAME).isPresent());
    }

    private void startWithDatastore(Map<String, Object> args) {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("datastore-" + UUID.randomUUID())::connect));
        container.processes().spawn(new DatastoreService(), SpawnOptions.defaults().withArgs(args));
    }

    private static Repository threeVersions(String id) {
        Repository repository = Repository.create(id);
        for (int v = 1; v <= 3; v++) {
            repository.setRoot(person("version " + v));
            repository.commit(List.of("first", "second", "third").get(v - 1));
        }
        return repository;
    }

    private static Person person(String name) {
        return Person.newBuilder().setName(name).setId(7).build();
    }
}
