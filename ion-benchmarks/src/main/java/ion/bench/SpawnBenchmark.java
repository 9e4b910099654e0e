package ion.bench;

import ion.core.container.Container;
import ion.core.process.Process;
import ion.core.process.ProcessId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Spawn rate, in spawn-and-stop cycles per second: one operation creates {@value #BATCH} processes one after the
 * other, each stopped again right after it was created, and ends when the last one is gone.
 *
 * <ul>
 *   <li>ioncore: {@code container.spawn(new Process())} returns once the process is ACTIVE (its queue declared,
 *       bound and consumed); {@code processes().terminate(id)} returns once it is TERMINATED and
 *       deregistered. Both run on the benchmark thread.</li>
 *   <li>Pekko: a parent actor, told to spawn a batch, calls {@code spawnAnonymous}, {@code watch} and
 *       {@code stop} for each child and counts the {@code Terminated} signals; the benchmark thread waits for
 *       the last one. The child has a message-handling behavior, as an ioncore process has its mailbox.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpawnBenchmark {
    /** Spawn-and-stop cycles per benchmark operation. */
    public static final int BATCH = 100;

    /** An in-JVM container. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        Container container;

        @Setup(Level.Trial)
        public void setUp() {
            container = InJvm.start("spawn");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            container.close();
        }
    }

    /** Tells the parent to spawn and stop a batch, and whom to tell when the last child has terminated. */
    public record SpawnBatch(int children, CountDownLatch allStopped) {
    }

    /** The Pekko parent: spawns, watches and stops children, counts their termination. */
    static final class Parent extends AbstractBehavior<SpawnBatch> {
        private static final Behavior<Object> CHILD = Behaviors.receiveMessage(m -> Behaviors.same());
        private int stillRunning;
        private CountDownLatch allStopped;

        Parent(ActorContext<SpawnBatch> context) {
            super(context);
        }

        @Override
        public Receive<SpawnBatch> createReceive() {
            return newReceiveBuilder()
                    .onMessage(SpawnBatch.class, this::spawnBatch)
                    .onSignal(Terminated.class, t -> childStopped())
                    .build();
        }

        private Behavior<SpawnBatch> spawnBatch(SpawnBatch batch) {
            stillRunning = batch.children();
            allStopped = batch.allStopped();
            for (int i = 0; i < batch.children(); i++) {
                ActorRef<Object> child = getContext().spawnAnonymous(CHILD);
                getContext().watch(child);
                getContext().stop(child);
            }
            return this;
        }

        private Behavior<SpawnBatch> childStopped() {
            if (--stillRunning == 0) {
                allStopped.countDown();
            }
            return this;
        }
    }

    /** An actor system whose guardian is the parent. */
    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem<SpawnBatch> parent;

        @Setup(Level.Trial)
        public void setUp() {
            parent = PekkoSystems.start(Behaviors.setup(Parent::new), "spawn");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PekkoSystems.stop(parent);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ioncore(Ioncore s) {
        for (int i = 0; i < BATCH; i++) {
            ProcessId id = s.container.spawn(new Process());
            s.container.processes().terminate(id);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pekko(Pekko s) throws InterruptedException {
        CountDownLatch allStopped = new CountDownLatch(1);
        s.parent.tell(new SpawnBatch(BATCH, allStopped));
        if (!allStopped.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the batch of actors did not stop within 60 s");
        }
    }
}
