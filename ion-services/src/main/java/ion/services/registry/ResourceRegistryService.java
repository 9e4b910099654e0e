package ion.services.registry;

import ion.core.event.EventPublisher;
import ion.core.event.EventType;
import ion.core.messaging.Message;
import ion.core.messaging.ResponseCodes;
import ion.core.process.Op;
import ion.core.service.ServiceDeclaration;
import ion.services.support.RecordCodec;
import ion.services.support.RequestContent;
import ion.services.support.RequestException;
import ion.services.support.StoreBackedService;
import ion.store.Predicate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code resource_registry} service: registers resources of a type with a name and a description, keeps
 * every version of each, moves them through their {@linkplain LifeCycleState life cycle} and finds them by type,
 * name and state. Content and replies are plain maps; a resource travels in the form of {@link Resource#toMap()}.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>op</th><th>content</th><th>reply</th></tr>
 *   <tr><td>{@code register}</td><td>{@code {type, name, description?}}</td><td>the new resource: version 1,
 *       state {@code New}, a new UUID as id</td></tr>
 *   <tr><td>{@code get}</td><td>{@code {id, version?}}</td><td>the latest version, or the one asked for</td></tr>
 *   <tr><td>{@code update}</td><td>{@code {id, name?, description?}} (at least one of them)</td><td>the new
 *       version</td></tr>
 *   <tr><td>{@code set_state}</td><td>{@code {id, state}}</td><td>the new version in that state</td></tr>
 *   <tr><td>{@code find}</td><td>{@code {type?, name?, state?}} (at least one)</td><td>the latest versions of
 *       the resources matching all given fields, ordered by id</td></tr>
 * </table>
 *
 * Errors are ERROR replies: an unknown id or version gets {@link ResponseCodes#APP_RESOURCE_NOT_FOUND}; content
 * that is not a map, a missing or ill-typed field, an unknown state and an illegal life-cycle transition get
 * {@link ResponseCodes#BAD_REQUEST}, with a text naming the field or the transition and its legal targets.
 *
 * <p><b>Events.</b> Registering a resource and every change of its life-cycle state publish a resource life-cycle
 * event ({@link EventType#RESOURCE_LIFECYCLE}, 1001) with the resource id as origin (one word, so {@code 1001.*}
 * hears every resource) and the new version, as {@link Resource#toMap()}, as payload. Updates of the name or the
 * description and refused requests publish nothing.
 *
 * <p><b>Storage.</b> One index store, {@value #STORE_NAME}, in the backend chosen by the spawn argument
 * {@code store-dir}: the embedded durable store in that directory, or, without it, memory private to this
 * instance (gone when it terminates). The latest version of each resource is indexed by {@code type},
 * {@code name} and {@code state}; every version is kept under its own key. The directory is locked while the
 * service runs, so one instance owns it; the store is closed when the service terminates.
 */
public class ResourceRegistryService extends StoreBackedService {
    /** The service's name and its worker queue's short name. */
    public static final String NAME = "resource_registry";
    /** The name of the store in the backend. */
    public static final String STORE_NAME = "resource_registry";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceRegistryService.class);
    private static final ServiceDeclaration DECLARATION = ServiceDeclaration.of(NAME, "0.1.0");
    private static final String LATEST = "latest/";
    private static final String VERSION = "version/";

    @Override
    public ServiceDeclaration declaration() {
        return DECLARATION;
    }

    @Override
    protected String storeName() {
        return STORE_NAME;
    }

    /** Registers a new resource in state {@code New}. */
    @Op("register")
    public void register(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("register", request);
            String type = f.requiredString("type");
            String name = f.requiredString("name");
            String description = f.optionalString("description").orElse("");
            long now = System.currentTimeMillis();
            Resource r = new Resource(UUID.randomUUID().toString(), type, name, description, LifeCycleState.NEW, 1,
                    now, now);
            save(r);
            publishLifeCycle(r, "registered in state " + r.state().label());
            return r.toMap();
        });
    }

    /** The latest version of a resource, or the version asked for. */
    @Op("get")
    public void get(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("get", request);
            String id = f.requiredString("id");
            Optional<Long> version = f.optionalInteger("version");
            Resource latest = latest(id);
            if (version.isEmpty()) {
                return latest.toMap();
            }
            long v = version.get();
            if (v < 1 || v > latest.version()) {
                throw new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND, "resource " + id
                        + " has no version " + v + " (versions 1 to " + latest.version() + ")");
            }
            return store().get(versionKey(id, (int) v)).map(RecordCodec::decode).map(Resource::fromMap)
                    .orElseThrow(() -> new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND,
                            "resource " + id + " has lost version " + v))
                    .toMap();
        });
    }

    /** Changes the name or the description of a resource into a new version. */
    @Op("update")
    public void update(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("update", request);
            String id = f.requiredString("id");
            Optional<String> name = f.optionalNonBlank("name");
            Optional<String> description = f.optionalString("description");
            if (name.isEmpty() && description.isEmpty()) {
                throw RequestContent.badRequest("op 'update' needs field 'name' or 'description' to change");
            }
            Resource latest = latest(id);
            Resource next = latest.next(name.orElse(latest.name()), description.orElse(latest.description()),
                    latest.state(), System.currentTimeMillis());
            save(next);
            return next.toMap();
        });
    }

    /** Moves a resource to another life-cycle state, if the transition is legal, as a new version. */
    @Op("set_state")
    public void setState(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("set_state", request);
            String id = f.requiredString("id");
            LifeCycleState target = state(f.requiredString("state"));
            Resource latest = latest(id);
            if (!latest.state().canMoveTo(target)) {
                throw RequestContent.badRequest("resource " + id + " cannot move from " + latest.state() + " to " + target
                        + "; allowed from " + latest.state() + ": " + describe(latest.state()));
            }
            Resource next = latest.next(latest.name(), latest.description(), target, System.currentTimeMillis());
            save(next);
            publishLifeCycle(next, "moved from " + latest.state().label() + " to " + target.label());
            return next.toMap();
        });
    }

    /** The latest versions of the resources whose type, name and state equal those given. */
    @Op("find")
    public void find(Message request) {
        answer(request, () -> {
            RequestContent f = RequestContent.of("find", request);
            List<Predicate> predicates = new ArrayList<>();
            f.optionalString("type").ifPresent(v -> predicates.add(Predicate.eq("type", v)));
            f.optionalString("name").ifPresent(v -> predicates.add(Predicate.eq("name", v)));
            f.optionalString("state").ifPresent(v -> predicates.add(Predicate.eq("state", state(v).label())));
            if (predicates.isEmpty()) {
                throw RequestContent.badRequest("op 'find' needs at least one of the fields 'type', 'name', 'state'");
            }
            return store().query(predicates).stream()
                    .map(hit -> Resource.fromMap(RecordCodec.decode(hit.value())).toMap())
                    .toList();
        });
    }

    /**
     * Publishes a resource life-cycle event (1001) with the resource id as origin, the resource (as
     * {@link Resource#toMap()}) as payload. A failure to publish is logged: the change is stored already.
     */
    private void publishLifeCycle(Resource r, String what) {
        try {
            EventPublisher.of(this).publish(EventType.RESOURCE_LIFECYCLE, r.id(), "resource " + r.id() + " ("
                    + r.type() + " '" + r.name() + "') " + what, r.toMap());
        } catch (RuntimeException e) {
            LOG.warn("resource_registry {}: cannot publish the life-cycle event of {}: {}", id(), r.id(),
                    e.getMessage());
        }
    }

    private static LifeCycleState state(String label) {
        return LifeCycleState.fromLabel(label).orElseThrow(() -> RequestContent.badRequest("'" + label
                + "' is not a life-cycle state; the states are New, Active, Inactive, Decommissioned, Retired"));
    }

    private static String describe(LifeCycleState from) {
        if (from.allowedTargets().isEmpty()) {
            return "none, " + from + " is final";
        }
        return from.allowedTargets().stream().sorted().map(LifeCycleState::label).collect(Collectors.joining(", "));
    }

    private Resource latest(String id) {
        return store().get(latestKey(id)).map(RecordCodec::decode).map(Resource::fromMap)
                .orElseThrow(() -> new RequestException(ResponseCodes.APP_RESOURCE_NOT_FOUND,
                        "no resource with id " + id));
    }

    /** Writes the version first, so that the latest entry always has its version stored. */
    private void save(Resource r) {
        byte[] value = RecordCodec.encode(r.toMap());
        store().put(versionKey(r.id(), r.version()), value);
        store().put(latestKey(r.id()), value, Map.of("type", r.type(), "name", r.name(), "state", r.state().label()));
    }

    private static byte[] latestKey(String id) {
        return (LATEST + id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] versionKey(String id, int version) {
        return String.format(Locale.ROOT, "%s%s/%010d", VERSION, id, version).getBytes(StandardCharsets.UTF_8);
    }
}
