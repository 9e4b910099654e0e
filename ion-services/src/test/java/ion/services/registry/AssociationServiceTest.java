package ion.services.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssociationServiceTest {
    private Container container;
    private Process caller;
    private AssociationClient associations;

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("association-" + UUID.randomUUID())::connect));
        container.spawn(AssociationService.NAME);
        caller = container.newClient("client");
        associations = new AssociationClient(caller);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void associationIsFoundFromEitherEndAndByPredicate() {
        String id = associations.associate("instrument-1", "hasDataSource", "dataset-1");
        associations.associate("instrument-2", "hasDataSource", "dataset-2");
        associations.associate("instrument-1", "ownedBy", "user-1");

        Association expected = new Association(id, "instrument-1", "hasDataSource", "dataset-1");
        assertEquals(List.of(expected), associations.findByObject("dataset-1"));
        assertEquals(Set.of(id, associations.associate("instrument-1", "ownedBy", "user-1")),
                ids(associations.findBySubject("instrument-1")));
        assertEquals(2, associations.findByPredicate("hasDataSource").size());
        assertEquals(List.of(expected), associations.find(Map.of("subject", "instrument-1",
                "predicate", "hasDataSource")));
        assertEquals(List.of(), associations.findBySubject("dataset-1"));
    }

    @Test
    void associatingAnEqualTripleAgainAnswersTheSameId() {
        String first = associations.associate("a", "p", "b");

        assertEquals(first, associations.associate("a", "p", "b"));
        assertEquals(1, associations.findBySubject("a").size());
    }

    @Test
    void removedAssociationIsFoundNoMore() {
        String id = associations.associate("a", "p", "b");
        String kept = associations.associate("a", "p", "c");

        associations.remove(id);

        assertEquals(Set.of(kept), ids(associations.findBySubject("a")));
        assertEquals(List.of(), associations.findByObject("b"));
        ReceivedError e = assertThrows(ReceivedError.class, () -> associations.remove(id));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
    }

    @Test
    void badInputIsABadRequestNamingTheField() {
        ReceivedError missing = assertThrows(ReceivedError.class, () -> caller.rpc(associations.target(),
                "associate", Map.of("subject", "a", "object", "b")));
        ReceivedError empty = assertThrows(ReceivedError.class, () -> associations.find(Map.of()));
        ReceivedError wrongType = assertThrows(ReceivedError.class, () -> associations.find(Map.of("subject", 3)));

        assertEquals(ResponseCodes.BAD_REQUEST, missing.responseCode());
        assertTrue(missing.exceptionText().contains("'predicate'"), missing.exceptionText());
        assertEquals(ResponseCodes.BAD_REQUEST, empty.responseCode());
        assertEquals(ResponseCodes.BAD_REQUEST, wrongType.responseCode());
        assertTrue(wrongType.exceptionText().contains("'subject' must be a string"), wrongType.exceptionText());
    }

    @Test
    void embeddedStoreKeepsAssociationsAcrossARestart(@TempDir Path dir) {
        SpawnOptions options = SpawnOptions.defaults()
                .withArgs(Map.of("store-dir", dir.toString(), "servicename", "durable_association"));
        ProcessId first = container.processes().spawn(new AssociationService(), options);
        AssociationClient durable = new AssociationClient(caller, "durable_association");
        String id = durable.associate("a", "p", "b");
        container.processes().terminate(first);

        container.processes().spawn(new AssociationService(), options);

        assertEquals(List.of(new Association(id, "a", "p", "b")), durable.findByObject("b"));
    }

    @Test
    void associationIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(AssociationService.NAME).isPresent());
    }

    private static Set<String> ids(List<Association> found) {
        return found.stream().map(Association::id).collect(Collectors.toSet());
    }
}
