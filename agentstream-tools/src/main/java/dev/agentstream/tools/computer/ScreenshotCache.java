package dev.agentstream.tools.computer;

import java.util.Optional;

/**
 * The last full screenshot a session's model was sent, kept so that a pixel-identical screen is neither
 * scaled nor encoded again, and the model can be told it is unchanged instead of getting the same image.
 * Holds that capture's pixels (a few MB) so the comparison is exact, not only by hash.
 */
final class ScreenshotCache {

    record Entry(PixelBuffer frame, long hash, Resolution modelSize, Screenshot screenshot, long sentAtNanos) {
        long ageMs() {
            return (System.nanoTime() - sentAtNanos) / 1_000_000;
        }
    }

    private Entry last;

    synchronized Optional<Entry> matching(PixelBuffer frame, long hash, Resolution modelSize) {
        Entry entry = last;
        if (entry == null || entry.hash() != hash || !entry.modelSize().equals(modelSize) || !entry.frame().sameRgb(frame)) {
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    synchronized void remember(PixelBuffer frame, long hash, Resolution modelSize, Screenshot screenshot) {
        last = new Entry(frame, hash, modelSize, screenshot, System.nanoTime());
    }
}
