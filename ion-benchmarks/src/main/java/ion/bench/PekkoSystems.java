package ion.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import ion.core.process.ProcessSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The Pekko side's actor systems, configured once for every pair. The default dispatcher stays the fork-join
 * executor that Pekko's dispatcher documentation calls the best choice in most cases; its {@code throughput}
 * (messages an actor handles before its thread moves on) is raised from the fairness-oriented default 5 to 100,
 * the value the same documentation shows for a throughput-oriented dispatcher. Logging goes through SLF4J at
 * WARN, like the ioncore side.
 */
public final class PekkoSystems {
    /** The configuration every benchmark actor system starts with. */
    public static final String SETTINGS = """
            pekko.actor.default-dispatcher.throughput = 100
            pekko.loglevel = WARNING
            pekko.stdout-loglevel = WARNING
            pekko.log-dead-letters-during-shutdown = off
            """;

    /** How long an ask waits for its answer: ioncore's default RPC timeout. */
    public static final Duration ASK_TIMEOUT = ProcessSettings.DEFAULT_RPC_TIMEOUT;

    private PekkoSystems() {
    }

    /** Starts an actor system whose guardian has {@code guardian}'s behavior. */
    public static <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
        Config config = ConfigFactory.parseString(SETTINGS).withFallback(ConfigFactory.load());
        return ActorSystem.create(guardian, name, config);
    }

    /** Terminates the system and waits (at most 30 s) until it has stopped. */
    public static void stop(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("actor system " + system.name() + " did not stop in 30 s", e);
        }
    }
}
