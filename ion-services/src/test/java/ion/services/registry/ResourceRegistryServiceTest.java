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

class ResourceRegistryServiceTest {
    private Container container;
    private Process caller;
    private ResourceRegistryClient registry;

    @BeforeEach
    void start() {
        container = Container.start(ContainerOptions.defaults()
                .withTransport(new LocalBroker("registry-" + UUID.randomUUID())::connect));
        container.spawn(ResourceRegistryService.NAME);
        caller = container.newClient("client");
        registry = new ResourceRegistryClient(caller);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void registeredResourceStartsNewAtVersionOneAndIsFoundById() {
        Resource r = registry.register("instrument", "CTD 1", "a CTD");

        assertEquals(LifeCycleState.NEW, r.state());
        assertEquals(1, r.version());
        assertEquals(r.id(), UUID.fromString(r.id()).toString());
        assertEquals(r, registry.get(r.id()));
    }

    @Test
    void updateMakesANewVersionAndKeepsEveryOldOne() {
        Resource v1 = registry.register("instrument", "CTD 1", "a CTD");

        Resource v2 = registry.update(v1.id(), "CTD 1b", "a renamed CTD");
        Resource v3 = registry.update(v1.id(), "CTD 1c", "renamed again");

        assertEquals(2, v2.version());
        assertEquals(3, v3.version());
        assertEquals(v1.created(), v3.created());
        assertEquals(v3, registry.get(v1.id()));
        assertEquals(v1, registry.get(v1.id(), 1));
        assertEquals("CTD 1b", registry.get(v1.id(), 2).name());
        assertEquals("a renamed CTD", registry.get(v1.id(), 2).description());
    }

    @Test
    void updateWithOnlyADescriptionKeepsTheName() {
        Resource v1 = registry.register("instrument", "CTD 1", "a CTD");

        Map<?, ?> reply = caller.rpc(registry.target(), "update", Map.of("id", v1.id(), "description", "new words"))
                .contentAs(Map.class);

        assertEquals("CTD 1", Resource.fromMap(reply).name());
        assertEquals("new words", Resource.fromMap(reply).description());
        assertEquals(2, Resource.fromMap(reply).version());
    }

    @Test
    void findsByTypeByStateByNameAndCombined() {
        Resource ctd = registry.register("instrument", "CTD", "");
        Resource adcp = registry.register("instrument", "ADCP", "");
        Resource set = registry.register("dataset", "CTD", "data of the CTD");
        registry.setState(adcp.id(), LifeCycleState.ACTIVE);
        registry.setState(set.id(), LifeCycleState.ACTIVE);

        assertEquals(Set.of(ctd.id(), adcp.id()), ids(registry.findByType("instrument")));
        assertEquals(Set.of(adcp.id(), set.id()), ids(registry.findByState(LifeCycleState.ACTIVE)));
        assertEquals(Set.of(ctd.id()), ids(registry.findByState(LifeCycleState.NEW)));
        assertEquals(Set.of(ctd.id(), set.id()), ids(registry.findByName("CTD")));
        assertEquals(Set.of(adcp.id()), ids(registry.find("instrument", LifeCycleState.ACTIVE)));
        assertEquals(Set.of(set.id()), ids(registry.find(Map.of("type", "dataset", "name", "CTD",
                "state", "Active"))));
        assertEquals(List.of(), registry.findByType("platform"));
    }

    @Test
    void findSeesOnlyTheLatestVersion() {
        Resource r = registry.register("instrument", "old name", "");
        registry.update(r.id(), "new name", "");

        assertEquals(List.of(), registry.findByName("old name"));
        assertEquals(2, registry.findByName("new name").getFirst().version());
    }

    @Test
    void legalTransitionsLeadFromNewToRetired() {
        Resource r = registry.register("instrument", "CTD", "");

        List<LifeCycleState> chain = List.of(LifeCycleState.ACTIVE, LifeCycleState.INACTIVE, LifeCycleState.ACTIVE,
                LifeCycleState.DECOMMISSIONED, LifeCycleState.RETIRED);
        int version = 1;
        for (LifeCycleState s : chain) {
            Resource next = registry.setState(r.id(), s);
            version++;
            assertEquals(s, next.state());
            assertEquals(version, next.version());
        }
        assertEquals(LifeCycleState.RETIRED, registry.get(r.id()).state());
        assertEquals(LifeCycleState.NEW, registry.get(r.id(), 1).state());
    }

    @Test
    void illegalTransitionIsRefusedWithItsReasonAndLeavesTheStateUnchanged() {
        Resource r = registry.register("instrument", "CTD", "");

        ReceivedError e = assertThrows(ReceivedError.class, () -> registry.setState(r.id(),
                LifeCycleState.RETIRED));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        assertTrue(e.exceptionText().contains("from New to Retired"), e.exceptionText());
        assertTrue(e.exceptionText().contains("allowed from New: Active"), e.exceptionText());
        assertEquals(r, registry.get(r.id()));
    }

    @Test
    void retiredIsFinal() {
        Resource r = registry.register("instrument", "CTD", "");
        for (LifeCycleState s : List.of(LifeCycleState.ACTIVE, LifeCycleState.DECOMMISSIONED,
                LifeCycleState.RETIRED)) {
            registry.setState(r.id(), s);
        }

        ReceivedError e = assertThrows(ReceivedError.class, () -> registry.setState(r.id(), LifeCycleState.ACTIVE));

        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode());
        assertTrue(e.exceptionText().contains("Retired is final"), e.exceptionText());
    }

    @Test
    void unknownIdOrVersionIsResourceNotFound() {
        Resource r = registry.register("instrument", "CTD", "");

        for (Runnable call : List.<Runnable>of(
                () -> registry.get("no-such-id"),
                () -> registry.update("no-such-id", "x", "y"),
                () -> registry.setState("no-such-id", LifeCycleState.ACTIVE),
                () -> registry.get(r.id(), 2))) {
            ReceivedError e = assertThrows(ReceivedError.class, call::run);
            assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, e.responseCode());
        }
    }

    @Test
    void badInputIsABadRequestNamingTheField() {
        String service = registry.target();
        Map<String, Map<String, Object>> cases = Map.of(
                "'type'", Map.of("op", "register", "content", Map.of("name", "x")),
                "'name' must be a string", Map.of("op", "register", "content", Map.of("type", "t", "name", 5)),
                "'version' must be an integer", Map.of("op", "get", "content", Map.of("id", "x", "version", "1")),
                "'Broken' is not a life-cycle state", Map.of("op", "set_state", "content",
                        Map.of("id", "x", "state", "Broken")),
                "at least one of", Map.of("op", "find", "content", Map.of()),
                "needs a map", Map.of("op", "register", "content", "just text"));

        cases.forEach((expected, request) -> {
            ReceivedError e = assertThrows(ReceivedError.class, () -> caller.rpc(service,
                    (String) request.get("op"), request.get("content")));
            assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode(), expected);
            assertTrue(e.exceptionText().contains(expected), e.exceptionText());
        });
    }

    @Test
    void embeddedStoreKeepsResourcesAcrossARestart(@TempDir Path dir) {
        SpawnOptions options = SpawnOptions.defaults()
                .withArgs(Map.of("store-dir", dir.toString(), "servicename", "durable_registry"));
        ProcessId first = container.processes().spawn(new ResourceRegistryService(), options);
        ResourceRegistryClient durable = new ResourceRegistryClient(caller, "durable_registry");
        Resource r = durable.register("instrument", "CTD", "kept");
        Resource v2 = durable.setState(r.id(), LifeCycleState.ACTIVE);
        container.processes().terminate(first);

        container.processes().spawn(new ResourceRegistryService(), options);

        assertEquals(v2, durable.get(r.id()));
        assertEquals(r, durable.get(r.id(), 1));
        assertEquals(Set.of(r.id()), ids(durable.findByState(LifeCycleState.ACTIVE)));
    }

    @Test
    void registryIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(ResourceRegistryService.NAME).isPresent());
        assertTrue(ProcessTypes.discover().find("hello").isPresent());
    }

    private static Set<String> ids(List<Resource> resources) {
        return resources.stream().map(Resource::id).collect(Collectors.toSet());
    }
}
