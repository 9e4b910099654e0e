package ion.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for something to happen, failing with what was awaited once the patience runs out. */
public final class Await {
    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds; polls it every few milliseconds.
     *
     * @throws AssertionError naming {@code what} if it still does not hold after {@code patience}, or if the
     *         waiting thread is interrupted
     */
    public static void until(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + patience + " waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
