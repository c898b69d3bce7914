package dev.agentstream.tools.computer;

import java.time.Duration;

/** Waits in short steps, reporting progress and stopping early when the call is cancelled. */
final class Pause {

    private static final long STEP_MS = 50;

    private Pause() {}

    /** Returns false when the call was cancelled before the time was up. */
    static boolean pause(Duration duration, String message, CallProgress progress) throws InterruptedException {
        long total = duration.toNanos();
        long start = System.nanoTime();
        while (true) {
            long waited = System.nanoTime() - start;
            if (progress.cancelled()) return false;
            progress.report(message, total == 0 ? 1 : (double) waited / total);
            if (waited >= total) return true;
            Thread.sleep(Math.min(STEP_MS, Math.max(1, (total - waited) / 1_000_000)));
        }
    }
}
