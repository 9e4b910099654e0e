package ion.core.supervision;

import ion.core.container.Container;
import ion.core.container.ContainerOptions;
import ion.core.messaging.Message;
import ion.core.messaging.local.LocalBroker;
import ion.core.process.ExitReason;
import ion.core.process.Op;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import ion.core.process.ProcessSettings;
import ion.core.process.ProcessTypes;
import ion.core.service.ServiceDeclaration;
import ion.core.service.ServiceProcess;
import ion.core.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-JVM broker and container per test, supervisors that record their restarts, and test children. */
abstract class SupervisionTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);

    final List<Container> containers = new ArrayList<>();
    LocalBroker broker;
    Container container;
    Process client;

    @BeforeEach
    void start() {
        broker = new LocalBroker("super-test");
        container = container(ProcessTypes.empty());
        client = container.newClient("client");
    }

    @AfterEach
    void closeContainers() {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).close();
        }
    }

    Container container(ProcessTypes types) {
        Container c = Container.start(ContainerOptions.defaults()
                .withSysname("sys-" + UUID.randomUUID().toString().substring(0, 8))
                .withTransport(broker::connect)
                .withTypes(types)
                .withProcessSettings(ProcessSettings.defaults().withRpcTimeout(Duration.ofSeconds(5))));
        containers.add(c);
        return c;
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    /** The process now running the child {@code id} of {@code sup}. */
    static ProcessId running(Supervisor sup, String id) {
        return status(sup, id).process().orElseThrow(() -> new AssertionError("child '" + id + "' is not running"));
    }

    static ChildStatus status(Supervisor sup, String id) {
        return sup.childStatus().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no child '" + id + "'"));
    }

    /** Makes {@code child} crash: a one-way message whose handler throws while fail-fast is on. */
    void crash(ProcessId child) {
        client.send(child.toString(), "boom", "crash " + child);
    }

    /** A supervisor that keeps what it records. */
    static final class RecordingSupervisor extends Supervisor {
        final List<ChildRestart> restarts = new CopyOnWriteArrayList<>();

        RecordingSupervisor(SupervisorSpec spec, List<ChildSpec> children) {
            super(spec, children);
        }

        @Override
        protected void recordRestart(ChildRestart restart) {
            super.recordRestart(restart);
            restarts.add(restart);
        }

        List<String> restartedIds() {
            return restarts.stream().map(ChildRestart::childId).toList();
        }
    }

    /** A child that answers, crashes or ends itself on request. */
    static final class Worker extends Process {
        @Op("ping")
        String ping() {
            return id().toString();
        }

        @Op("boom")
        void boom(String why) {
            throw new IllegalStateException(why);
        }

        @Op("quit")
        void quit() {
            exit(ExitReason.normal());
        }
    }

    /** A service whose first attempt at any job throws; it remembers the conv-id of every attempt. */
    static final class FlakyService extends ServiceProcess {
        static final String NAME = "flaky";
        private final AtomicInteger attempts;
        private final List<String> convIds;

        FlakyService(AtomicInteger attempts, List<String> convIds) {
            this.attempts = attempts;
            this.convIds = convIds;
        }

        @Override
        public ServiceDeclaration declaration() {
            return ServiceDeclaration.of(NAME, "0.1.0");
        }

        @Op("work")
        String work(Message m) {
            convIds.add(m.convId());
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the first attempt at " + m.content().orElse(null) + " fails");
            }
            return "done " + m.content().orElse(null);
        }
    }
}
