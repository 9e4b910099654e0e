package ion.services.consumer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread every consumer's digest ticks share: a platform daemon thread, so that a timer never holds
 * a carrier thread. The work it runs must only hand a message to a process, never block.
 */
final class Ticker {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("consumer-ticker").factory());

    private Ticker() {
    }

    /** Runs {@code tick} every {@code interval}, the first time one interval from now. */
    static ScheduledFuture<?> every(Duration interval, Runnable tick) {
        long nanos = interval.toNanos();
        return TIMER.scheduleAtFixedRate(tick, nanos, nanos, TimeUnit.NANOSECONDS);
    }
}
