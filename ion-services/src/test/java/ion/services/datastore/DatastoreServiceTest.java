package ion.services.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.object.Element;
import ion.object.ObjectKey;
import ion.object.TypeId;
import ion.object.proto.AddressLink;
import ion.object.proto.CASRef;
import ion.object.proto.Person;
import ion.object.repository.Commit;
import ion.object.repository.DetachedCheckoutException;
import ion.object.repository.Repository;
import ion.store.embedded.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
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
        PushResult pushed = client("A").push(original);
        assertEquals(3L, pushed.commits());
        assertEquals(Map.of(Repository.MASTER, original.head(Repository.MASTER).orElseThrow()), pushed.branches());
        container.close();

        startWithDatastore(Map.of("store-dir", dir.toString()));
        DatastoreClient processB = client("B");
        Repository pulled = processB.pull("address-book");

        assertEquals(List.of("address-book"), processB.list());
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
    void aRepositoryStoredWholeByTheFirstVersionIsReadAndThenPushedToIncrementally(@TempDir Path dir) {
        Repository legacy = threeVersions("legacy");
        try (EmbeddedStore backend = EmbeddedStore.open(dir)) {
            backend.open(DatastoreService.STORE_NAME).put("repository/legacy".getBytes(StandardCharsets.UTF_8),
                    legacy.pack().toByteArray(), Map.of("kind", "repository"));
        }
        startWithDatastore(Map.of("store-dir", dir.toString()));
        DatastoreClient client = client("client");

        assertEquals(List.of("legacy"), client.list());
        assertEquals(legacy.history(), client.pull("legacy").history());
        legacy.setRoot(person("version 4"));
        legacy.commit("fourth");
        assertEquals(2, client.push(legacy).objectsSent());
        assertEquals(4, client.log("legacy").size());
    }

    @Test
    void aSecondPushAfterOneMoreCommitSendsOnlyTheNewCommitAndItsRoot() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository repository = threeVersions("incremental");

        PushResult first = client.push(repository);
        repository.setRoot(person("version 4"));
        repository.commit("fourth");
        PushResult second = client.push(repository);
        PushResult third = client.push(repository);

        assertEquals(6, first.objectsSent(), "three commits and three roots");
        assertEquals(2, second.objectsSent(), "the fourth commit and its root");
        assertEquals(2, second.roundTrips(), "negotiate, then push with the objects");
        assertEquals(4L, second.commits());
        assertEquals(0, third.objectsSent());
        assertEquals(repository.head(Repository.MASTER), client.pull("incremental").head(Repository.MASTER));
    }

    @Test
    void aPullIntoARepositoryThatHasTheOldCommitsFetchesOnlyTheNewOnes() {
        startWithDatastore(Map.of());
        DatastoreClient processA = client("A");
        DatastoreClient processB = client("B");
        Repository mine = threeVersions("shared-book");
        processA.push(mine);
        PullResult firstPull = processB.pull(Repository.create("shared-book"));
        Repository theirs = firstPull.repository();

        mine.setRoot(person("version 4"));
        mine.commit("fourth");
        processA.push(mine);
        PullResult secondPull = processB.pull(theirs);

        assertEquals(6, firstPull.objectsReceived());
        assertEquals(2, secondPull.objectsReceived(), "the fourth commit and its root");
        assertEquals(1, secondPull.roundTrips());
        assertEquals(mine.head(Repository.MASTER), theirs.head(Repository.MASTER));
        assertEquals("version 4", theirs.root(Person.class).orElseThrow().getName());
        assertEquals(mine.history(), theirs.history());
    }

    @Test
    void aDeepObjectGraphIsPulledInOneRoundTripNotOnePerLevel() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository deep = chain("deep", 40);
        client.push(deep);

        PullResult pulled = client.pull(Repository.create("deep"));

        assertEquals(1, pulled.roundTrips());
        assertEquals(42, pulled.objectsReceived(), "one commit, the root and 40 linked objects");
        assertEquals(deep.root(), pulled.repository().root());
    }

    @Test
    void aPullLargerThanTheBatchSizeContinuesInAFewRoundTrips() {
        startWithDatastore(Map.of(DatastoreService.BATCH_BYTES_ARG, 1000));
        DatastoreClient client = client("client");
        Repository deep = chain("big", 40);
        client.push(deep);

        PullResult pulled = client.pull(Repository.create("big"));

        assertTrue(pulled.roundTrips() > 1 && pulled.roundTrips() < 10, "round trips: " + pulled.roundTrips());
        assertEquals(42, pulled.objectsReceived());
        assertEquals(deep.root(), pulled.repository().root());
        assertEquals(deep.store().size(), pulled.repository().store().size());
    }

    @Test
    void aPushLargerThanTheBatchSizeGoesInSeveralBatches() {
        startWithDatastore(Map.of());
        DatastoreClient small = new DatastoreClient(container.newClient("small"), DatastoreService.NAME, 500);
        Repository deep = chain("batched", 40);

        PushResult pushed = small.push(deep);

        assertEquals(42, pushed.objectsSent());
        assertTrue(pushed.roundTrips() > 3, "round trips: " + pushed.roundTrips());
        assertEquals(deep.root(), client("reader").pull("batched").root());
    }

    @Test
    void pullOfAnUnknownIdIsNotFound() {
        startWithDatastore(Map.of());

        ReceivedError e = assertThrows(ReceivedError.class, () -> client("client").pull("nothing-here"));

        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
        assertTrue(e.exceptionText().contains("nothing-here"), e.exceptionText());
    }

    @Test
    void fastForwardPushIsAcceptedAndDivergedPushIsRefusedNamingTheBranch() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
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
    void fetchAnswersObjectsByKeyAndNamesTheKeysItDoesNotHave() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository repository = threeVersions("fetched");
        client.push(repository);
        ObjectKey head = repository.head(Repository.MASTER).orElseThrow();
        ObjectKey root = repository.commitInfo(head).root();
        ObjectKey unknown = ObjectKey.fromHex("00".repeat(ObjectKey.LENGTH));

        List<Element> fetched = client.fetch(List.of(root, head));
        ReceivedError e = assertThrows(ReceivedError.class, () -> client.fetch(List.of(root, unknown)));

        assertEquals(List.of(repository.store().get(root).orElseThrow(), repository.store().get(head).orElseThrow()),
                fetched);
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
        assertTrue(e.exceptionText().contains(unknown.toString()), e.exceptionText());
    }

    @Test
    void checkoutOfTheMiddleCommitGivesADetachedReadOnlyRepositoryInThatState() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository repository = threeVersions("versions");
        client.push(repository);
        ObjectKey middle = repository.log().get(1).key();

        Repository checkedOut = client.checkout("versions", middle);

        assertTrue(checkedOut.isDetached());
        assertEquals(Optional.of(middle), checkedOut.currentCommit());
        assertEquals("version 2", checkedOut.root(Person.class).orElseThrow().getName());
        assertEquals(List.of("second", "first"), checkedOut.log().stream().map(Commit::comment).toList());
        assertThrows(DetachedCheckoutException.class, () -> checkedOut.setRoot(person("changed")));
        assertEquals("version 3", client.checkoutBranch("versions", Repository.MASTER).root(Person.class)
                .orElseThrow().getName());
        ReceivedError e = assertThrows(ReceivedError.class, () -> client.checkout("versions",
                ObjectKey.fromHex("AB".repeat(ObjectKey.LENGTH))));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
    }

    @Test
    void logListsEveryCommitNewestFirstAndObjectsListsEveryElementWithItsType() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository repository = Repository.builder("logged").author("alice").create();
        for (String name : List.of("one", "two")) {
            repository.setRoot(person(name));
            repository.commit("commit " + name);
        }
        client.push(repository);
        List<Commit> commits = repository.log();

        List<LogEntry> log = client.log("logged");
        List<ObjectInfo> objects = client.objects("logged");

        assertEquals(List.of("commit two", "commit one"), log.stream().map(LogEntry::comment).toList());
        assertEquals(commits.stream().map(Commit::key).toList(), log.stream().map(LogEntry::commit).toList());
        assertEquals("alice", log.get(0).author());
        assertEquals(commits.get(0).date(), log.get(0).date());
        assertEquals(List.of(commits.get(1).key()), log.get(0).parents());
        assertEquals(List.of(Repository.MASTER), log.get(0).branches());
        assertEquals(List.of(), log.get(1).parents());
        assertEquals(Map.of("CommitRef", 2L, "Person", 2L), objects.stream()
                .collect(Collectors.groupingBy(ObjectInfo::name, Collectors.counting())));
        ObjectInfo root = objects.stream().filter(o -> o.name().equals("Person")).findFirst().orElseThrow();
        assertEquals(TypeId.of(20001), root.type());
        assertEquals(repository.store().get(root.key()).orElseThrow().value().size(), root.size());
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND,
                assertThrows(ReceivedError.class, () -> client.log("nope")).responseCode());
    }

    @Test
    void listNamesEveryPushedRepository() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        assertEquals(List.of(), client.list());

        client.push(threeVersions("b"));
        client.push(threeVersions("a"));

        assertEquals(List.of("a", "b"), client.list());
    }

    @Test
    void datastoreIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(DatastoreService.NAME).isPresent());
    }

    @Test
    void aPulledRepositoryKeepsEveryBranch() {
        startWithDatastore(Map.of());
        DatastoreClient client = client("client");
        Repository repository = threeVersions("branched");
        repository.branch("feature");
        repository.setRoot(person("feature"));
        repository.commit("on feature");
        client.push(repository);

        Repository pulled = client.pull("branched");

        assertEquals(repository.heads(), pulled.heads());
        assertFalse(pulled.isDetached());
    }

    private DatastoreClient client(String name) {
        return new DatastoreClient(container.newClient(name));
    }

    private void startWithDatastore(Map<String, Object> args) {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("datastore-" + UUID.randomUUID())::connect));
        container.processes().spawn(new DatastoreService(), SpawnOptions.defaults().withArgs(args));
    }

    static Repository threeVersions(String id) {
        Repository repository = Repository.create(id);
        for (int v = 1; v <= 3; v++) {
            repository.setRoot(person("version " + v));
            repository.commit(List.of("first", "second", "third").get(v - 1));
        }
        return repository;
    }

    /** One commit whose root starts a chain of {@code depth} address links, each linking the next. */
    static Repository chain(String id, int depth) {
        Repository repository = Repository.create(id);
        CASRef next = repository.addObject(AddressLink.newBuilder().setTitle("link 0").build());
        for (int i = 1; i < depth; i++) {
            next = repository.addObject(AddressLink.newBuilder().setTitle("link " + i + " " + "x".repeat(40))
                    .setOwner(next).build());
        }
        repository.setRoot(AddressLink.newBuilder().setTitle("top").setOwner(next).build());
        repository.commit("deep");
        return repository;
    }

    static Person person(String name) {
        return Person.newBuilder().setName(name).setId(7).build();
    }
}
