package io.netcap.cli;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tools that serve until stopped ({@code net collect}, {@code net proxy}): a signal (Ctrl-C, SIGTERM) or a
 * release of the latch stops them, and the JVM exits only after the stop action has closed their files complete.
 */
final class UntilStopped {
    /** What a stop does: close and report. */
    interface Action {
        void run() throws IOException, InterruptedException;
    }

    private UntilStopped() {}

    /** Waits for {@code stopped}, then runs {@code onStop}; a signal waits up to 30 s for it. */
    static void await(CountDownLatch stopped, Action onStop) throws IOException, InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
            onStop.run();
        } finally {
            closed.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // stopping already
        }
    }
}
