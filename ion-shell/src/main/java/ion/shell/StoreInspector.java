package ion.shell;

import ion.core.process.Process;
import ion.object.ObjectKey;
import ion.services.datastore.DatastoreClient;
import ion.services.datastore.DatastoreService;
import ion.services.datastore.LogEntry;
import ion.services.datastore.ObjectInfo;
import ion.services.registry.Resource;
import ion.services.registry.ResourceRegistryClient;
import ion.services.registry.ResourceRegistryService;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Shows what the running system's {@code datastore} and {@code resource_registry} hold, as readable text: the
 * repositories, the log and the objects of one, and a resource. It asks the services over messaging through a
 * caller process, so it works from any container of the system (the shell) or from a one-call client
 * ({@code bin/ion-store}) while a container holds the store. Each method prints and returns what it found; an
 * ERROR reply (an unknown repository or resource, say) is thrown as {@link ion.core.process.ReceivedError}.
 */
public final class StoreInspector {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final DatastoreClient datastore;
    private final ResourceRegistryClient registry;
    private final PrintStream out;

    /**
     * An inspector asking the services under these names.
     *
     * @param caller the spawned process that sends the requests
     * @param datastoreName the datastore's service name
     * @param registryName the resource registry's service name
     * @param out where to print
     */
    public StoreInspector(Process caller, String datastoreName, String registryName, PrintStream out) {
        this.datastore = new DatastoreClient(caller, datastoreName);
        this.registry = new ResourceRegistryClient(caller, registryName);
        this.out = Objects.requireNonNull(out, "out");
    }

    /** An inspector asking the services under their standard names. */
    public StoreInspector(Process caller, PrintStream out) {
        this(caller, DatastoreService.NAME, ResourceRegistryService.NAME, out);
    }

    /** Prints and returns the ids of the repositories held. */
    public List<String> repositories() {
        List<String> ids = datastore.list();
        if (ids.isEmpty()) {
            out.println("the datastore holds no repositories");
        }
        ids.forEach(out::println);
        return ids;
    }

    /** Prints and returns the commits of a repository, newest first. */
    public List<LogEntry> log(String repository) {
        List<LogEntry> log = datastore.log(repository);
        Table t = new Table("COMMIT", "DATE", "AUTHOR", "COMMENT", "PARENTS", "BRANCHES");
        for (LogEntry e : log) {
            t.row(e.commit().toString(), date(e.date()), e.author().isEmpty() ? "-" : e.author(), e.comment(),
                    e.parents().isEmpty() ? "-" : String.join(",", e.parents().stream().map(ObjectKey::toString)
                            .toList()),
                    e.branches().isEmpty() ? "-" : String.join(",", e.branches()));
        }
        t.print(out);
        return log;
    }

    /** Prints and returns the commits and objects of a repository: key, type id, type name, size in bytes. */
    public List<ObjectInfo> objects(String repository) {
        List<ObjectInfo> objects = datastore.objects(repository);
        Table t = new Table("KEY", "TYPE", "NAME", "SIZE");
        long total = 0;
        for (ObjectInfo o : objects) {
            t.row(o.key().toString(), o.type().toString(), o.name(), Integer.toString(o.size()));
            total += o.size();
        }
        t.print(out);
        out.println(objects.size() + (objects.size() == 1 ? " object, " : " objects, ") + total + " bytes");
        return objects;
    }

    /** Prints and returns the latest version of a resource of the resource registry. */
    public Resource resource(String id) {
        Resource r = registry.get(id);
        out.println("id:          " + r.id());
        out.println("type:        " + r.type());
        out.println("name:        " + r.name());
        out.println("description: " + r.description());
        out.println("state:       " + r.state().label());
        out.println("version:     " + r.version());
        out.println("created:     " + date(Instant.ofEpochMilli(r.created())));
        out.println("updated:     " + date(Instant.ofEpochMilli(r.updated())));
        return r;
    }

    private static String date(Instant instant) {
        return DATE.format(instant);
    }
}
