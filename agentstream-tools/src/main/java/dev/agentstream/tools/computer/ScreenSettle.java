package dev.agentstream.tools.computer;

import java.time.Duration;

/**
 * Waits after an action until the screen has stopped changing: it captures the screen every few
 * milliseconds and ends once consecutive captures have been identical for the quiet period, or when the
 * ceiling is reached with the screen still changing. The last capture is the one the screenshot is made
 * from, so a settled screen costs no extra capture.
 */
final class ScreenSettle {

    /** Why the wait ended. */
    enum Reason {
        /** Identical captures for the whole quiet period. */
        STILL("still"),
        /** The ceiling came first; the screen was still changing. */
        CEILING("ceiling"),
        /** No wait was asked for (a ceiling of 0). */
        NONE("none"),
        /** The call was cancelled. */
        CANCELLED("cancelled");

        final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }
    }

    /** The outcome: the last capture, how long the wait took and why it ended. */
    record Outcome(Frame frame, long waitedMs, Reason reason, int captures) {}

    private static final long POLL_MS = 30;

    private ScreenSettle() {}

    static Outcome await(JvmDisplay display, ScreenMapping mapping, Duration ceiling, Duration quiet, CallProgress progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long ceilingNanos = ceiling.toNanos();
        long quietNanos = quiet.toNanos();
        CallProgress silent = progress.muted();
        Frame last = Screenshotter.captureFull(display, mapping, null, silent);
        int captures = 1;
        if (ceilingNanos == 0) return new Outcome(last, 0, Reason.NONE, captures);
        int[] spare = null;
        long lastChange = start;
        while (true) {
            long now = System.nanoTime();
            if (progress.cancelled()) return new Outcome(last, millis(now - start), Reason.CANCELLED, captures);
            if (now - lastChange >= quietNanos) return new Outcome(last, millis(now - start), Reason.STILL, captures);
            if (now - start >= ceilingNanos) return new Outcome(last, millis(now - start), Reason.CEILING, captures);
            progress.report("letting the screen settle", (double) (now - start) / ceilingNanos);
            long sleep = Math.min(POLL_MS, millis(Math.min(lastChange + quietNanos, start + ceilingNanos) - now));
            if (sleep > 0) Thread.sleep(sleep);
            Frame next = Screenshotter.captureFull(display, mapping, spare, silent);
            captures++;
            // The frame before last is no longer needed: its array takes the capture after next.
            spare = last.pixels().data();
            if (!next.samePixels(last)) lastChange = System.nanoTime();
            last = next;
        }
    }

    private static long millis(long nanos) {
        return Math.max(0, nanos / 1_000_000);
    }
}
