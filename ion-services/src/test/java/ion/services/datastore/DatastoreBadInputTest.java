package ion.services.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.Process;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.object.Element;
import ion.object.Keys;
import ion.object.ObjectKey;
import ion.object.StructureCodec;
import ion.object.TypeId;
import ion.object.TypeRegistry;
import ion.object.repository.Repository;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Malformed requests to every datastore op get an ERROR reply naming the problem, and the service keeps serving. */
class DatastoreBadInputTest {
    private final StructureCodec codec = StructureCodec.standard();
    private final TypeRegistry types = TypeRegistry.standard();
    private Container container;
    private Process caller;
    private DatastoreClient client;

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("datastore-bad-" + UUID.randomUUID())::connect));
        container.processes().spawn(new DatastoreService(), SpawnOptions.defaults());
        caller = container.newClient("client");
        client = new DatastoreClient(caller);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void anElementWithAFlippedByteIsRefusedNamingItsKey() {
        Element person = Element.of(DatastoreServiceTest.person("flipped"), types);
        byte[] value = person.value().toByteArray();
        value[value.length - 1] ^= 1;
        Element corrupted = new Element(person.key(), person.type(), true, ByteString.copyFrom(value));

        String text = refused(ResponseCodes.BAD_REQUEST, "put_objects", Map.of("id", "r", "objects",
                codec.packList(List.of(corrupted)).toByteArray()));

        assertTrue(text.contains(person.key().toString()), text);
        assertStillServing();
    }

    @Test
    void aPushWhoseCommitLinksAnObjectNeverSentIsRefusedNamingTheMissingKey() {
        Repository repository = DatastoreServiceTest.threeVersions("dangling");
        ObjectKey head = repository.head(Repository.MASTER).orElseThrow();
        ObjectKey root = repository.commitInfo(head).root();
        List<Element> commitsOnly = repository.store().elements().stream()
                .filter(e -> !e.key().equals(root)).toList();

        String text = refused(ResponseCodes.BAD_REQUEST, "push", Map.of("id", "dangling", "branches",
                Map.of(Repository.MASTER, head.toString()), "objects", codec.packList(commitsOnly).toByteArray()));

        assertTrue(text.contains(root.toString()), text);
        assertTrue(text.contains("incomplete"), text);
        assertEquals(List.of(), client.list(), "no head was moved");
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = codec.packList(DatastoreServiceTest.threeVersions("t").store().elements()).toByteArray();

        String text = refused(ResponseCodes.BAD_REQUEST, "put_objects", Map.of("id", "t", "objects",
                Arrays.copyOf(bytes, bytes.length - 5)));

        assertTrue(text.contains("truncated") || text.contains("cut"), text);
        assertStillServing();
    }

    @Test
    void anUnknownTypeIdIsRefusedNamingIt() {
        ByteString value = ByteString.copyFromUtf8("whatever");
        TypeId unknown = TypeId.of(424242);
        Element element = new Element(Keys.of(value, unknown), unknown, true, value);

        String text = refused(ResponseCodes.BAD_REQUEST, "put_objects", Map.of("id", "u", "objects",
                codec.packList(List.of(element)).toByteArray()));

        assertTrue(text.contains("424242"), text);
        assertStillServing();
    }

    @Test
    void aHeadThatIsNotACommitIsRefused() {
        Element person = Element.of(DatastoreServiceTest.person("not a commit"), types);

        String text = refused(ResponseCodes.BAD_REQUEST, "push", Map.of("id", "n", "branches",
                Map.of(Repository.MASTER, person.key().toString()), "objects",
                codec.packList(List.of(person)).toByteArray()));

        assertTrue(text.contains("not a commit"), text);
        assertStillServing();
    }

    @Test
    void contentOfTheWrongTypeIsRefusedNamingTheField() {
        Map<String, Object> branchesAsList = new LinkedHashMap<>();
        branchesAsList.put("id", "w");
        branchesAsList.put("branches", List.of("master"));
        List<Object[]> cases = List.of(
                new Object[] {"push", "not a map", "needs a map"},
                new Object[] {"push", branchesAsList, "'branches'"},
                new Object[] {"push", Map.of("id", "w", "branches", Map.of("master", "xyz")), "master"},
                new Object[] {"push", Map.of("id", "w", "branches", Map.of(), "objects", 5L), "'objects'"},
                new Object[] {"push", Map.of("id", "w", "branches", Map.of(), "objects", "text"), "not a valid batch"},
                new Object[] {"put_objects", Map.of("id", "w"), "'objects'"},
                new Object[] {"negotiate", Map.of("commits", List.of()), "'id'"},
                new Object[] {"negotiate", Map.of("id", "w", "commits", "all"), "'commits'"},
                new Object[] {"pull", Map.of("id", "w", "have", List.of(7L)), "have[0]"},
                new Object[] {"pull", Map.of("id", "w", "max-bytes", "lots"), "'max-bytes'"},
                new Object[] {"fetch", Map.of("keys", List.of("G".repeat(40))), "not hex"},
                new Object[] {"checkout", Map.of("id", 5L), "'id'"},
                new Object[] {"log", List.of(), "needs a map"},
                new Object[] {"objects", Map.of("id", ""), "'id'"});
        client.push(DatastoreServiceTest.threeVersions("w"));
        for (Object[] c : cases) {
            String text = refused(ResponseCodes.BAD_REQUEST, (String) c[0], c[1]);
            assertTrue(text.contains((String) c[2]), c[0] + " " + c[1] + ": " + text);
        }
        assertEquals(List.of("w"), client.list());
    }

    @Test
    void aContinuationThatIsNotOneIsRefused() {
        client.push(DatastoreServiceTest.threeVersions("c"));

        String text = refused(ResponseCodes.BAD_REQUEST, "pull", Map.of("id", "c", "continue",
                Map.of("branches", Map.of(), "skip", -1L)));

        assertTrue(text.contains("'skip'"), text);
        assertStillServing();
    }

    private String refused(String responseCode, String op, Object content) {
        ReceivedError e = assertThrows(ReceivedError.class, () -> caller.rpc(client.target(), op, content));
        assertEquals(responseCode, e.responseCode(), e.exceptionText());
        return e.exceptionText();
    }

    private void assertStillServing() {
        client.push(DatastoreServiceTest.threeVersions("fine"));
        assertTrue(client.list().contains("fine"));
    }
}
