package ion.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.local.LocalBroker;
import ion.object.ObjectKey;
import ion.object.proto.Person;
import ion.object.repository.Repository;
import ion.services.datastore.DatastoreClient;
import ion.services.registry.Resource;
import ion.services.registry.ResourceRegistryClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shell's store helpers, against a datastore and a resource registry in the shell's container. */
class StoreHelpersTest {
    private Container container;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private Repository book;
    private Resource instrument;

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("store-helpers-" + UUID.randomUUID())::connect)
                .withContainerId("cc9").withSysname("sys"));
        container.spawn("datastore");
        container.spawn("resource_registry");
        book = Repository.builder("book").author("ann").create();
        book.setRoot(Person.newBuilder().setName("first").build());
        book.commit("created the book");
        book.setRoot(Person.newBuilder().setName("second").build());
        book.commit("renamed");
        new DatastoreClient(container.newClient("pusher")).push(book);
        instrument = new ResourceRegistryClient(container.newClient("registrar"))
                .register("instrument", "CTD 7", "a CTD");
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void reposListsTheRepositoriesAndRepoLogShowsEachCommitWithItsParents() {
        String t = shell("repos()\nrepoLog(\"book\")\n");
        ObjectKey second = book.head(Repository.MASTER).orElseThrow();
        ObjectKey first = book.commitInfo(second).parents().get(0);

        assertHasLine(t, "^book$");
        assertHasLine(t, "^COMMIT +DATE +AUTHOR +COMMENT +PARENTS +BRANCHES$");
        assertHasLine(t, "^" + second + " +\\d{4}-\\d\\d-\\d\\d [0-9:.]+Z +ann +renamed +" + first + " +master$");
        assertHasLine(t, "^" + first + " +\\S+ \\S+ +ann +created the book +- +-$");
    }

    @Test
    void repoObjectsShowsKeyTypeAndSizeOfEveryElement() {
        String t = shell("repoObjects(\"book\")\n");
        ObjectKey root = book.commitInfo(book.head(Repository.MASTER).orElseThrow()).root();
        int size = book.store().get(root).orElseThrow().value().size();

        assertHasLine(t, "^KEY +TYPE +NAME +SIZE$");
        assertHasLine(t, "^" + root + " +20001/v1 +Person +" + size + "$");
        assertHasLine(t, "^[0-9A-F]{40} +8/v1 +CommitRef +\\d+$");
        assertHasLine(t, "^4 objects, \\d+ bytes$");
    }

    @Test
    void resourceShowsTheRegisteredResource() {
        String t = shell("resource(\"" + instrument.id() + "\")\n");

        assertHasLine(t, "^id: +" + instrument.id() + "$");
        assertHasLine(t, "^name: +CTD 7$");
        assertHasLine(t, "^state: +New$");
        assertHasLine(t, "^version: +1$");
    }

    @Test
    void anUnknownRepositoryOrResourceIsAnErrorAndTheShellGoesOn() {
        String t = shell("repoLog(\"nope\")\nresource(\"nope\")\n40 + 2\n");

        assertHasLine(t, "^ERROR APPLICATION ERROR: Resource Not Found: .*no repository with id nope");
        assertHasLine(t, "^ERROR APPLICATION ERROR: Resource Not Found: .*nope");
        assertHasLine(t, "^\\$\\d+ ==> 42$");
    }

    private String shell(String input) {
        ContainerShell.run(container, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, out,
                Optional.empty());
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertHasLine(String transcript, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(transcript).find(),
                "no line matching " + regex + " in:\n" + transcript);
    }
}
