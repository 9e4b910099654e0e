package ion.bench;

import ion.core.container.Container;
import ion.core.process.Process;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Heap per idle process: starts an in-JVM container (or a Pekko actor system), spawns {@code N} processes (or
 * actors) that then sit idle, and divides the growth of the heap in use after full collections by {@code N}.
 * Run it once per side, each in a fresh JVM with the same flags; it is a measurement, not a JMH benchmark.
 *
 * <ul>
 *   <li>ioncore: {@code N} plain {@link Process}es spawned through {@code container.spawn}: each is ACTIVE,
 *       with its own queue on the in-JVM broker, bound and consumed, and no thread.</li>
 *   <li>Pekko: {@code N} children spawned by the guardian with {@code spawnAnonymous}, each with a
 *       message-handling behavior; counted once each has started.</li>
 * </ul>
 *
 * <p>Before measuring the baseline heap, each side spawns (and keeps) a warm-up set of 1,000 so that classes
 * and one-off structures are loaded; the heap is read after five {@code System.gc()} calls.
 *
 * <p>Usage: {@code IdleMemory ioncore|pekko COUNT ROUND RESULTS_FILE}; appends one line to the results file.
 */
public final class IdleMemory {
    static final int WARM_UP = 1_000;

    private IdleMemory() {
    }

    /** Tells the guardian to spawn children and whom to tell when each has started. */
    public record SpawnIdle(int children, CountDownLatch started) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: IdleMemory ioncore|pekko COUNT ROUND RESULTS_FILE");
            System.exit(2);
        }
        String side = args[0];
        int count = Integer.parseInt(args[1]);
        String round = args[2];
        Path results = Path.of(args[3]);
        double perProcess = switch (side) {
            case "ioncore" -> ioncore(count);
            case "pekko" -> pekko(count);
            default -> throw new IllegalArgumentException("side must be ioncore or pekko, not " + side);
        };
        System.out.printf("  idle memory, %s: %,.0f bytes per process (%,d processes)%n", side, perProcess, count);
        Results.append(results, new Results.Line("memory", side, round, perProcess, "B/process"));
        System.exit(0);
    }

    /** The container and its processes are left to the JVM's exit: stopping them is not measured. */
    static double ioncore(int count) {
        Container container = InJvm.start("memory");
        for (int i = 0; i < WARM_UP; i++) {
            container.spawn(new Process());
        }
        long before = usedHeapAfterGc();
        for (int i = 0; i < count; i++) {
            container.spawn(new Process());
        }
        long after = usedHeapAfterGc();
        if (container.processes().list().size() != WARM_UP + count) {
            throw new IllegalStateException("not every process is alive");
        }
        Reference.reachabilityFence(container);
        return (after - before) / (double) count;
    }

    /** The actor system is left to the JVM's exit: stopping it is not measured. */
    static double pekko(int count) throws InterruptedException {
        ActorSystem<SpawnIdle> system = PekkoSystems.start(guardian(), "memory");
        spawn(system, WARM_UP);
        long before = usedHeapAfterGc();
        spawn(system, count);
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(system);
        return (after - before) / (double) count;
    }

    private static Behavior<SpawnIdle> guardian() {
        return Behaviors.receive((context, request) -> {
            for (int i = 0; i < request.children(); i++) {
                context.spawnAnonymous(idleChild(request.started()));
            }
            return Behaviors.same();
        });
    }

    private static Behavior<Object> idleChild(CountDownLatch started) {
        return Behaviors.setup(context -> {
            started.countDown();
            return Behaviors.receiveMessage(m -> Behaviors.same());
        });
    }

    private static void spawn(ActorSystem<SpawnIdle> system, int children) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(children);
        system.tell(new SpawnIdle(children, started));
        if (!started.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(started.getCount() + " actors did not start within 120 s");
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
