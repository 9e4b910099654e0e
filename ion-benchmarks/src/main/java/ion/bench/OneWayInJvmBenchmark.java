package ion.bench;

import ion.core.container.Container;
import ion.core.process.Op;
import ion.core.process.Process;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * One-way messages between two processes in one JVM, in messages per second: a sender sends a burst of
 * {@value #BATCH} messages carrying the same {@value #PAYLOAD_BYTES}-byte array and waits until the receiver has
 * handled the last one.
 *
 * <ul>
 *   <li>ioncore: a client process ({@code Container.newClient}) calls {@code send(receiverId, "ping", payload)};
 *       the receiver is a spawned process whose {@code @Op("ping")} takes the {@code byte[]} content.</li>
 *   <li>Pekko: {@code tell(new Ping(payload))} to a typed actor whose behavior handles {@code Ping}.</li>
 * </ul>
 *
 * <p>In both, the benchmark thread is the sender's code and the receiver counts each message in an
 * {@link Arrivals}, which releases the sender after the last one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OneWayInJvmBenchmark {
    /** Messages per benchmark operation. */
    public static final int BATCH = 1000;
    /** Bytes in each message's payload. */
    public static final int PAYLOAD_BYTES = 64;

    /** The ioncore receiver: counts each {@code ping}. */
    public static class Receiver extends Process {
        private final Arrivals arrivals;

        public Receiver(Arrivals arrivals) {
            this.arrivals = arrivals;
        }

        @Op("ping")
        public void ping(byte[] payload) {
            arrivals.arrive();
        }
    }

    /** An in-JVM container with the receiver and a sending client process. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        final Arrivals arrivals = new Arrivals();
        final byte[] payload = new byte[PAYLOAD_BYTES];
        Container container;
        Process sender;
        String receiver;

        @Setup(Level.Trial)
        public void setUp() {
            container = InJvm.start("oneway");
            receiver = container.spawn(new Receiver(arrivals)).toString();
            sender = container.newClient("sender");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            container.close();
        }
    }

    /** Pekko's message: the payload. */
    public record Ping(byte[] payload) {
    }

    /** An actor system whose guardian is the receiving actor. */
    @State(Scope.Benchmark)
    public static class Pekko {
        final Arrivals arrivals = new Arrivals();
        final byte[] payload = new byte[PAYLOAD_BYTES];
        ActorSystem<Ping> receiver;

        static Behavior<Ping> receiver(Arrivals arrivals) {
            return Behaviors.receiveMessage(ping -> {
                arrivals.arrive();
                return Behaviors.same();
            });
        }

        @Setup(Level.Trial)
        public void setUp() {
            receiver = PekkoSystems.start(receiver(arrivals), "oneway");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PekkoSystems.stop(receiver);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void ioncore(Ioncore s) {
        s.arrivals.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            s.sender.send(s.receiver, "ping", s.payload);
        }
        s.arrivals.await();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pekko(Pekko s) {
        s.arrivals.expect(BATCH);
        for (int i = 0; i < BATCH; i++) {
            s.receiver.tell(new Ping(s.payload));
        }
        s.arrivals.await();
    }
}
