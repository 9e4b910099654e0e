package ion.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent callers for the "64 callers" benchmarks: each caller is a virtual thread making blocking calls one
 * after the other, so that {@code callers} requests are outstanding at once. Both sides of every pair use it.
 */
public final class Callers {
    /** What one caller does once. */
    @FunctionalInterface
    public interface Call {
        /** Makes one blocking call as caller number {@code caller}. */
        void call(int caller) throws Exception;
    }

    private Callers() {
    }

    /**
     * Starts {@code callers} virtual threads, each making {@code callsEach} calls in a row, and waits for all.
     *
     * @throws IllegalStateException if a call failed or the callers did not finish within a minute
     */
    public static void run(int callers, int callsEach, Call call) {
        CountDownLatch finished = new CountDownLatch(callers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < callsEach; i++) {
                        call.call(caller);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            if (!finished.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(finished.getCount() + " callers did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the callers", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a caller failed: " + failure.get(), failure.get());
        }
    }
}
