package ion.bench;

import ion.core.container.Container;
import ion.core.process.Process;
import ion.services.hello.HelloService;
import ion.services.hello.HelloServiceClient;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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
 * RPC round trips to a service in one JVM, in round trips per second, with one caller and with
 * {@value #CALLERS} concurrent callers. The service is ioncore's {@code hello} (it answers
 * {@code "Hello there, " + content}); the Pekko actor does the same. The request content is a
 * {@value #NAME_CHARS}-character string.
 *
 * <ul>
 *   <li>ioncore: a client process calls {@link HelloServiceClient#hello}, a blocking {@code rpc} to the
 *       service's worker queue; with {@value #CALLERS} callers, each caller is a client process of its own,
 *       driven by its own virtual thread.</li>
 *   <li>Pekko: {@code AskPattern.ask} to the hello actor, waiting for the answer; with {@value #CALLERS}
 *       callers, {@value #CALLERS} virtual threads each ask and wait.</li>
 * </ul>
 *
 * <p>One caller: one operation is one round trip, made by the benchmark thread. {@value #CALLERS} callers: one
 * operation starts {@value #CALLERS} virtual threads ({@link Callers}) that each make {@value #CALLS_EACH} round
 * trips in a row, so {@value #CALLERS} requests are outstanding at once.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RpcInJvmBenchmark {
    /** Concurrent callers in the many-callers case. */
    public static final int CALLERS = 64;
    /** Round trips each caller makes per operation in the many-callers case. */
    public static final int CALLS_EACH = 16;
    /** Characters of the request content. */
    public static final int NAME_CHARS = 64;
    static final String NAME = "x".repeat(NAME_CHARS);

    /** An in-JVM container with the hello service and {@value #CALLERS} client processes. */
    @State(Scope.Benchmark)
    public static class Ioncore {
        Container container;
        HelloServiceClient[] clients = new HelloServiceClient[CALLERS];

        @Setup(Level.Trial)
        public void setUp() {
            container = InJvm.start("rpc");
            container.spawn(HelloService.NAME);
            for (int i = 0; i < CALLERS; i++) {
                Process caller = container.newClient("caller-" + i);
                clients[i] = new HelloServiceClient(caller);
            }
            check(clients[0].hello(NAME));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            container.close();
        }
    }

    /** Pekko's request: the name and whom to answer. */
    public record Hello(String name, ActorRef<String> replyTo) {
    }

    /** An actor system whose guardian is the hello actor. */
    @State(Scope.Benchmark)
    public static class Pekko {
        ActorSystem<Hello> hello;

        static Behavior<Hello> hello() {
            return Behaviors.receiveMessage(request -> {
                request.replyTo().tell("Hello there, " + request.name());
                return Behaviors.same();
            });
        }

        String ask(String name) throws Exception {
            return AskPattern.<Hello, String>ask(hello, replyTo -> new Hello(name, replyTo),
                    PekkoSystems.ASK_TIMEOUT, hello.scheduler())
                    .toCompletableFuture().get(PekkoSystems.ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            hello = PekkoSystems.start(hello(), "rpc");
            check(ask(NAME));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            PekkoSystems.stop(hello);
        }
    }

    static void check(String greeting) {
        if (!greeting.equals("Hello there, " + NAME)) {
            throw new IllegalStateException("unexpected answer: " + greeting);
        }
    }

    @Benchmark
    public String ioncoreOneCaller(Ioncore s) {
        return s.clients[0].hello(NAME);
    }

    @Benchmark
    public String pekkoOneCaller(Pekko s) throws Exception {
        return s.ask(NAME);
    }

    @Benchmark
    @OperationsPerInvocation(CALLERS * CALLS_EACH)
    public void ioncoreManyCallers(Ioncore s) {
        Callers.run(CALLERS, CALLS_EACH, caller -> s.clients[caller].hello(NAME));
    }

    @Benchmark
    @OperationsPerInvocation(CALLERS * CALLS_EACH)
    public void pekkoManyCallers(Pekko s) {
        Callers.run(CALLERS, CALLS_EACH, caller -> s.ask(NAME));
    }
}
