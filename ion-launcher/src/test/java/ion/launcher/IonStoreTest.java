package ion.launcher;

import static ion.launcher.IonCcTest.print;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.object.ObjectKey;
import ion.object.proto.Person;
import ion.object.repository.Repository;
import ion.services.datastore.DatastoreClient;
import ion.services.registry.Resource;
import ion.services.registry.ResourceRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ion-store} against a running datastore and resource registry in another container of the same JVM, on the
 * in-JVM broker (the command line selects it with {@code -a messaging.transport=local}).
 */
class IonStoreTest {
    private final String sysname = "store-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Container system;
    private Repository book;
    private Resource resource;

    @BeforeEach
    void startSystem() {
        system = Container.start(ContainerOptions.defaults().withSysname(sysname));
        system.spawn("datastore");
        system.spawn("resource_registry");
        book = Repository.builder("book").author("ann").create();
        book.setRoot(Person.newBuilder().setName("one").build());
        book.commit("first");
        book.setRoot(Person.newBuilder().setName("two").build());
        book.commit("second");
        new DatastoreClient(system.newClient("pusher")).push(book);
        resource = new ResourceRegistryClient(system.newClient("registrar")).register("instrument", "CTD 7", "");
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }

    private int run(String... command) {
        String[] argv = new String[command.length + 2];
        argv[0] = "-a";
        argv[1] = "messaging.transport=local,sysname=" + sysname + ",process.rpc-timeout=5s";
        System.arraycopy(command, 0, argv, 2, command.length);
        return IonStore.run(argv, print(out), print(err));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listPrintsTheRepositoryIds() {
        assertEquals(0, run("list"), err());

        assertEquals("book\n", out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void logPrintsEveryCommitWithDateAuthorCommentAndParents() {
        ObjectKey second = book.head(Repository.MASTER).orElseThrow();
        ObjectKey first = book.commitInfo(second).parents().get(0);

        assertEquals(0, run("log", "book"), err());

        assertHasLine(out(), "^COMMIT +DATE +AUTHOR +COMMENT +PARENTS +BRANCHES$");
        assertHasLine(out(), "^" + second + " +\\d{4}-\\d\\d-\\d\\d \\S+Z +ann +second +" + first + " +master$");
        assertHasLine(out(), "^" + first + " +\\S+ \\S+ +ann +first +- +-$");
    }

    @Test
    void objectsPrintsKeyTypeAndSize() {
        assertEquals(0, run("objects", "book"), err());

        assertHasLine(out(), "^KEY +TYPE +NAME +SIZE$");
        assertEquals(2, Pattern.compile("^[0-9A-F]{40} +20001/v1 +Person +\\d+$", Pattern.MULTILINE).matcher(out())
                .results().count(), out());
        assertHasLine(out(), "^4 objects, \\d+ bytes$");
    }

    @Test
    void resourcePrintsTheResource() {
        assertEquals(0, run("resource", resource.id()), err());

        assertHasLine(out(), "^id: +" + resource.id() + "$");
        assertHasLine(out(), "^type: +instrument$");
        assertHasLine(out(), "^state: +New$");
    }

    @Test
    void anUnknownRepositoryIsAMessageAndExitStatusOne() {
        assertEquals(1, run("log", "nope"));

        assertEquals("", out());
        assertTrue(err().startsWith("ion-store: no repository with id nope (APPLICATION ERROR: Resource Not Found"),
                err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void aDatastoreThatDoesNotAnswerIsATimeoutWithExitStatusTwo() {
        assertEquals(2, run("--datastore", "no_such_datastore", "--timeout", "0.5", "list"));

        assertEquals("", out());
        assertTrue(err().startsWith("ion-store: "), err());
        assertTrue(err().contains("is the no_such_datastore service running?"), err());
    }

    @Test
    void usageErrorsExitWithTwoAndAHint() {
        assertEquals(2, IonStore.run(new String[] {"frobnicate"}, print(out), print(err)));
        assertEquals(2, IonStore.run(new String[] {"log"}, print(out), print(err)));

        assertEquals("", out());
        assertTrue(err().contains("ion-store: unknown command 'frobnicate'; commands: list, log, objects, resource"),
                err());
        assertTrue(err().contains("ion-store: 'log' takes one argument, the REPOSITORY id, got 0"), err());
        assertTrue(err().contains("Run 'ion-store --help' for the commands and options."), err());
    }

    @Test
    void helpListsTheCommandsOptionsAndExitStatuses() {
        assertEquals(0, IonStore.run(new String[] {"--help"}, print(out), print(err)));

        for (String expected : List.of("list ", "log REPOSITORY", "objects REPOSITORY", "resource ID", "-h, --host",
                "--datastore NAME", "Exit status: 0 done, 1 ERROR reply")) {
            assertTrue(out().contains(expected), expected + " missing from:\n" + out());
        }
    }

    @Test
    void parseReadsTheOptionsAndTheCommand() {
        IonStore.Options o = IonStore.parse(new String[] {"-h", "broker", "--datastore=ds2", "--timeout", "2",
            "objects", "book"});

        assertEquals(IonStore.Command.OBJECTS, o.command());
        assertEquals("book", o.argument().orElseThrow());
        assertEquals("ds2", o.datastore());
        assertEquals("broker", o.broker().host().orElseThrow());
        assertThrows(UsageException.class, () -> IonStore.parse(new String[] {"list", "extra"}));
    }

    private static void assertHasLine(String text, String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(text).find(),
                "no line matching " + regex + " in:\n" + text);
    }
}
