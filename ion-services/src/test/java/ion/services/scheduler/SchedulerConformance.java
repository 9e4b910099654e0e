package ion.services.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.event.Event;
import ion.core.event.EventSubscriber;
import ion.core.event.EventType;
import ion.core.messaging.ResponseCodes;
import ion.core.messaging.spi.TransportFactory;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessTypes;
import ion.core.process.ReceivedError;
import ion.core.process.SpawnOptions;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;
import ion.core.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler cases, on one transport; a subclass per transport runs them. */
abstract class SchedulerConformance {
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofMillis(1200);

    private final String sysname = "sched-" + UUID.randomUUID().toString().substring(0, 8);
    private final String targetName = "ticks-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Firing> firings = new CopyOnWriteArrayList<>();
    Container container;

    /** A new transport factory; for the in-JVM broker, a new broker, as a restarted system would have. */
    abstract TransportFactory transports();

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void taskFiresRepeatedlyWithItsPayloadAndOpAndStopsAfterRmTask() throws InterruptedException {
        ScheduleClient client = start(Map.of());
        String id = client.addTask(TaskSpec.every(Duration.ofMillis(300), target(), "beep"));

        awaitFirings(1);
        int seen = firings.size();
        awaitFirings(seen + 1);
        assertEquals(new Firing("scheduler", "beep"), firings.get(0).withoutTime());

        client.rmTask(id);
        Thread.sleep(GRACE.toMillis() / 3);
        int afterRm = firings.size();
        Thread.sleep(GRACE.toMillis());
        assertEquals(afterRm, firings.size(), "no firing after rm_task");
        assertEquals(List.of(), client.queryTasks());
    }

    @Test
    void taskStillRegisteredFiresAgainAfterAContainerRestart(@TempDir Path dir) {
        ScheduleClient client = start(Map.of("store-dir", dir.toString()));
        String id = client.addTask(TaskSpec.every(Duration.ofMillis(300), target(), "again").withOp("tock"));
        awaitFirings(1);
        container.close();
        firings.clear();

        ScheduleClient restarted = start(Map.of("store-dir", dir.toString()));

        awaitFirings(2);
        assertEquals(new Firing("tock", "again"), firings.get(0).withoutTime());
        assertEquals(List.of(id), restarted.queryTasks().stream().map(ScheduledTask::id).toList());
    }

    @Test
    void taskWithAFutureStartTimeFiresFirstAtItsStartTime() {
        ScheduleClient client = start(Map.of());
        Instant startTime = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);

        client.addTask(TaskSpec.every(Duration.ofMillis(100), target(), "late").startingAt(startTime));

        awaitFirings(1);
        assertFalse(firings.get(0).at().isBefore(startTime), "first firing " + firings.get(0).at()
                + " came before the start time " + startTime);
    }

    @Test
    void taskIsRemovedAndStopsFiringAtItsEndTime() throws InterruptedException {
        ScheduleClient client = start(Map.of());
        Instant endTime = Instant.now().plusMillis(1000);

        client.addTask(TaskSpec.every(Duration.ofMillis(100), target(), "short").endingAt(endTime));

        awaitFirings(1);
        await(() -> client.queryTasks().isEmpty(), "the ended task is removed");
        int seen = firings.size();
        Thread.sleep(GRACE.toMillis());
        assertEquals(seen, firings.size(), "no firing after the end time");
    }

    @Test
    void everyFiringPublishesAScheduleEventWithTheDesiredOriginElseTheTaskId() {
        ScheduleClient client = start(Map.of());
        List<Event> events = new CopyOnWriteArrayList<>();
        try (EventSubscriber subscriber = EventSubscriber.start(container, "2001.#", events::add)) {
            String named = client.addTask(TaskSpec.every(Duration.ofMillis(200), target(), "n").withOrigin("pump-7"));
            String plain = client.addTask(TaskSpec.every(Duration.ofMillis(200), target(), "p"));

            await(() -> events.stream().anyMatch(e -> e.origin().equals("pump-7"))
                    && events.stream().anyMatch(e -> e.origin().equals(plain)), "schedule events of both tasks");

            Event event = events.stream().filter(e -> e.origin().equals("pump-7")).findFirst().orElseThrow();
            assertEquals(Optional.of(EventType.SCHEDULE), event.type());
            assertEquals(named, event.payload().get("task_id"));
            assertEquals(target(), event.payload().get("target"));
            assertEquals(Optional.of("pump-7"), client.queryTasks(named).get(0).spec().origin());
        }
    }

    @Test
    void queryTasksFindsTasksByRegularExpressionOnTheirIds() {
        ScheduleClient client = start(Map.of());
        String a = client.addTask(TaskSpec.every(Duration.ofSeconds(60), target(), "a"));
        String b = client.addTask(TaskSpec.every(Duration.ofSeconds(60), target(), Map.of("k", 1L))
                .startingAt(Instant.parse("2030-01-01T00:00:00Z")));

        List<ScheduledTask> all = client.queryTasks(".+");
        List<ScheduledTask> onlyB = client.queryTasks(b);
        client.rmTask(a);

        assertEquals(List.of(a, b).stream().sorted().toList(), all.stream().map(ScheduledTask::id).toList());
        assertEquals(1, onlyB.size());
        assertEquals(Duration.ofSeconds(60), onlyB.get(0).spec().interval());
        assertEquals(Map.of("k", 1L), onlyB.get(0).spec().payload().orElseThrow());
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), onlyB.get(0).spec().start().orElseThrow());
        assertEquals(List.of(b), client.queryTasks().stream().map(ScheduledTask::id).toList());
    }

    @Test
    void badInputGetsAnErrorNamingTheFieldAndTheServiceKeepsServing() {
        ScheduleClient client = start(Map.of());
        Process caller = container.newClient("bad-caller");
        String service = client.target();

        assertBadRequest(caller, service, "add_task", Map.of("interval", 1.0), "'target'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", 0.0), "'interval'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", -2L), "'interval'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", "soon"), "'interval'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target()), "'interval'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", 1.0,
                "start_time", "2031-01-01T00:00:00Z", "end_time", "2030-01-01T00:00:00Z"), "'end_time'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", 1.0,
                "start_time", "yesterday"), "'start_time'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", 1.0,
                "end_time", 1000L), "'end_time'");
        assertBadRequest(caller, service, "add_task", Map.of("target", target(), "interval", 1.0,
                "origin", "pump.*"), "'origin'");
        assertBadRequest(caller, service, "add_task", "not a map", "map");
        assertBadRequest(caller, service, "query_tasks", Map.of("pattern", "(unclosed"), "'pattern'");
        assertBadRequest(caller, service, "rm_task", Map.of(), "'task_id'");
        ReceivedError unknown = assertThrows(ReceivedError.class, () -> client.rmTask("no-such-task"));
        assertEquals(ResponseCodes.APP_RESOURCE_NOT_FOUND, unknown.responseCode());

        assertEquals(List.of(), client.queryTasks());
        client.addTask(TaskSpec.every(Duration.ofMillis(200), target(), "still here"));
        awaitFirings(1);
    }

    @Test
    void schedulerIsSpawnableByName() {
        assertTrue(ProcessTypes.discover().find(SchedulerService.NAME).isPresent());
    }

    static void assertBadRequest(Process caller, String service, String op, Object content,
            String expected) {
        ReceivedError e = assertThrows(ReceivedError.class, () -> caller.rpc(service, op, content));
        assertEquals(ResponseCodes.BAD_REQUEST, e.responseCode(), e.exceptionText());
        assertTrue(e.exceptionText().contains(expected), e.exceptionText());
    }

    ScheduleClient start(Map<String, Object> args) {
        container = Container.start(ContainerOptions.defaults().withSysname(sysname)
                .withTransport(transports()));
        container.processes().spawn(new Target(firings), SpawnOptions.defaults()
                .withArgs(Map.of(ServiceProcess.SERVICE_NAME_ARG, targetName)));
        container.processes().spawn(new SchedulerService(), SpawnOptions.defaults().withArgs(new HashMap<>(args)));
        return new ScheduleClient(container.newClient("client"));
    }

    String target() {
        return sysname + "." + targetName;
    }

    private void awaitFirings(int count) {
        await(() -> firings.size() >= count, count + " firings (saw " + firings.size() + ")");
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(what, PATIENCE, condition);
    }

    /** One message the target received: its op, content, and when it arrived. */
    record Firing(String op, Object content, Instant at) {
        Firing(String op, Object content) {
            this(op, content, Instant.EPOCH);
        }

        Firing withoutTime() {
            return new Firing(op, content);
        }
    }

    /** The scheduler's target: records every message on op scheduler or tock. */
    static final class Target extends ServiceProcess {
        private final List<Firing> seen;

        Target(List<Firing> seen) {
            this.seen = seen;
        }

        @Override
        public ServiceDeclaration declaration() {
            return ServiceDeclaration.of("ticks", "0.1.0");
        }

        @Op("scheduler")
        public void scheduler(Object content) {
            seen.add(new Firing("scheduler", content, Instant.now()));
        }

        @Op("tock")
        public void tock(Object content) {
            seen.add(new Firing("tock", content, Instant.now()));
        }
    }
}
