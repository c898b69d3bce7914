package dev.agentstream.tools.computer;

import java.util.Optional;

/**
 * The last full screenshot a session's model was sent, kept so that a pixel-identical screen is neither
 * scaled nor encoded again, and the model can be told it is unchanged instead of getting the same image.
 * Holds that capture's pixels (a few MB): a new capture is compared with them pixel for pixel, and an
 * identical one takes over their hash.
 */
final class ScreenshotCache {

    record Entry(PixelBuffer frame, long hash, Resolution modelSize, Screenshot screenshot, long sentAtNanos) {
        long ageMs() {
            return (System.nanoTime() - sentAtNanos) / 1_000_000;
        }
    }

    private Entry last;
    /** A screen-sized array no entry holds, for the next capture: repeated screenshots allocate nothing. */
    private int[] spare;

    /** The last screenshot if its pixels are these, compared directly (faster than hashing a new frame first). */
    synchronized Optional<Entry> matching(PixelBuffer frame, Resolution modelSize) {
        Entry entry = last;
        if (entry == null || !entry.modelSize().equals(modelSize) || !entry.frame().sameRgb(frame)) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    synchronized void remember(PixelBuffer frame, long hash, Resolution modelSize, Screenshot screenshot) {
        if (last != null && last.frame().data() != frame.data()) spare = last.frame().data();
        last = new Entry(frame, hash, modelSize, screenshot, System.nanoTime());
    }

    /** An array to capture into that nothing else holds (the one the last remembered frame replaced), or null. */
    synchronized int[] takeSpare() {
        int[] taken = spare;
        spare = null;
        return taken;
    }

    /** Hands back an array taken with {@link #takeSpare()} whose capture was not remembered. */
    synchronized void giveBack(int[] array) {
        if (last == null || last.frame().data() != array) spare = array;
    }
}
