package dev.agentstream.tools.computer.live;

import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.DisplayUnavailableException;
import dev.agentstream.tools.computer.PngEncoding;
import dev.agentstream.tools.computer.ScreenCapture;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live desktop as a stream of frames: the computer tool's screen is captured (through X shared memory,
 * with the pointer drawn in) every {@code interval} while anyone subscribes, compared tile by tile with the
 * previous capture, and only the changed parts are encoded (PNG) and sent (see {@link DesktopFrame} for how
 * to paint them). A still screen sends nothing. A new subscriber first gets a keyframe of the whole screen.
 * Capturing starts with the first subscriber and stops, closing its X connection, when the last one leaves.
 *
 * <p>Subscribers are called on the capture thread, one after the other: {@link Subscriber#frame} must not
 * block (hand the frame to a queue). A subscriber that had to drop frames asks for a keyframe with
 * {@link Subscription#requestKeyframe()} and paints from there. A subscriber that throws is unsubscribed.
 */
public final class DesktopFrames implements AutoCloseable {

    /** 10 captures a second at most: smooth enough to follow the agent, cheap when the screen is still. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(DesktopFrames.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** Receives frames on the capture thread. */
    public interface Subscriber {
        /** A frame to paint; must return quickly. */
        void frame(DesktopFrame frame);

        /** Capturing ended for good (the display went away); {@code reason} is one sentence for a person. No frames follow. */
        default void ended(String reason) {}
    }

    /** One subscriber's place; closing it unsubscribes. */
    public interface Subscription extends AutoCloseable {
        /** The next frame this subscriber gets is a keyframe (whole screen), sent at the next capture. */
        void requestKeyframe();

        @Override
        void close();
    }

    private final Supplier<ScreenCapture> captures;
    private final long intervalMs;
    private final Object lock = new Object();
    private final List<Watcher> watchers = new ArrayList<>();
    private Thread worker;
    private boolean closed;
    private volatile long captureCount;
    private long sequence;

    /** Frames of the display, captured at most every {@link #DEFAULT_INTERVAL}. */
    public DesktopFrames(DisplayAccess display) {
        this(display, DEFAULT_INTERVAL);
    }

    /** Frames of the display, captured at most every {@code interval}. */
    public DesktopFrames(DisplayAccess display, Duration interval) {
        this(display::openCapture, interval);
    }

    DesktopFrames(Supplier<ScreenCapture> captures, Duration interval) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("The capture interval must be positive, got " + interval + ".");
        this.captures = captures;
        this.intervalMs = interval.toMillis();
    }

    /**
     * Starts sending frames to {@code subscriber}, a keyframe first.
     *
     * @throws DisplayUnavailableException when capturing had to start and the display cannot be captured
     * @throws IllegalStateException       when this was closed
     */
    public Subscription subscribe(Subscriber subscriber) {
        synchronized (lock) {
            if (closed) throw new IllegalStateException("The desktop frames were closed; make a new DesktopFrames.");
            if (worker == null) {
                ScreenCapture capture = captures.get();
                worker = Thread.ofPlatform().daemon().name("desktop-frames").unstarted(() -> captureWhileWatched(capture));
                worker.start();
            }
            Watcher watcher = new Watcher(subscriber);
            watchers.add(watcher);
            lock.notifyAll();
            return watcher;
        }
    }

    /** True while a capture thread runs (someone subscribes, or the last one left a moment ago). */
    public boolean isCapturing() {
        synchronized (lock) {
            return worker != null;
        }
    }

    /** How many captures were taken so far: lets tests wait for captures instead of for time. */
    long captureCount() {
        return captureCount;
    }

    /** Unsubscribes everyone and waits for capturing to stop. */
    @Override
    public void close() {
        Thread running;
        synchronized (lock) {
            closed = true;
            watchers.clear();
            running = worker;
            lock.notifyAll();
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void captureWhileWatched(ScreenCapture capture) {
        int[] previous = null;
        int[] spare = null;
        int previousWidth = 0;
        int previousHeight = 0;
        try (capture) {
            while (true) {
                List<Watcher> watching;
                synchronized (lock) {
                    if (watchers.isEmpty()) {
                        worker = null;
                        return;
                    }
                    watching = List.copyOf(watchers);
                }
                long started = System.nanoTime();
                int[] current = capture.capture(spare);
                int width = capture.width();
                int height = capture.height();
                long capturedAt = System.currentTimeMillis();
                captureCount++;
                boolean resized = previous == null || width != previousWidth || height != previousHeight;
                List<ScreenRegion> changed = resized ? List.of() : TileDiff.changed(previous, current, width, height);
                Frames frames = new Frames(current, width, height, changed, capturedAt);
                for (Watcher watcher : watching) {
                    DesktopFrame frame = watcher.keyframeWanted.getAndSet(false) || resized ? frames.keyframe() : frames.delta();
                    if (frame != null) deliver(watcher, frame);
                }
                spare = previous;
                previous = current;
                previousWidth = width;
                previousHeight = height;
                pauseUntil(started + intervalMs * 1_000_000);
            }
        } catch (RuntimeException e) {
            String reason = e instanceof DisplayUnavailableException ? e.getMessage() : "Capturing the desktop failed: " + e.getMessage();
            log.warn("live desktop capture stopped", e);
            List<Watcher> ended;
            synchronized (lock) {
                ended = List.copyOf(watchers);
                watchers.clear();
                worker = null;
            }
            for (Watcher watcher : ended) {
                try {
                    watcher.subscriber.ended(reason);
                } catch (RuntimeException ignored) {
                    // it is unsubscribed already
                }
            }
        }
    }

    private void deliver(Watcher watcher, DesktopFrame frame) {
        try {
            watcher.subscriber.frame(frame);
        } catch (RuntimeException e) {
            log.warn("a live desktop subscriber failed and was unsubscribed", e);
            watcher.close();
        }
    }

    /** Waits for the next capture time, or less when someone subscribes, asks for a keyframe or leaves. */
    private void pauseUntil(long deadlineNanos) {
        synchronized (lock) {
            long remainingMs = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (remainingMs <= 0 || watchers.isEmpty()) return;
            try {
                lock.wait(remainingMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                watchers.clear();
            }
        }
    }

    /** The frames of one capture, encoded the first time a subscriber needs them. */
    private final class Frames {
        private final int[] pixels;
        private final int width;
        private final int height;
        private final List<ScreenRegion> changed;
        private final long capturedAt;
        private DesktopFrame keyframe;
        private DesktopFrame delta;

        Frames(int[] pixels, int width, int height, List<ScreenRegion> changed, long capturedAt) {
            this.pixels = pixels;
            this.width = width;
            this.height = height;
            this.changed = changed;
            this.capturedAt = capturedAt;
        }

        DesktopFrame keyframe() {
            if (keyframe == null) keyframe = frame(true, List.of(new ScreenRegion(0, 0, width, height)));
            return keyframe;
        }

        /** The changed tiles, or null when nothing changed. */
        DesktopFrame delta() {
            if (changed.isEmpty()) return null;
            if (delta == null) delta = frame(false, changed);
            return delta;
        }

        private DesktopFrame frame(boolean whole, List<ScreenRegion> regions) {
            List<DesktopFrame.Tile> tiles = new ArrayList<>(regions.size());
            for (ScreenRegion region : regions) tiles.add(new DesktopFrame.Tile(region, "image/png", png(region)));
            return new DesktopFrame(++sequence, width, height, whole, tiles, capturedAt);
        }

        private byte[] png(ScreenRegion region) {
            BufferedImage image = new BufferedImage(region.width(), region.height(), BufferedImage.TYPE_INT_RGB);
            int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            for (int row = 0; row < region.height(); row++) {
                System.arraycopy(pixels, (region.y() + row) * width + region.x(), target, row * region.width(), region.width());
            }
            return PngEncoding.encode(image);
        }
    }

    private final class Watcher implements Subscription {
        private final Subscriber subscriber;
        private final AtomicBoolean keyframeWanted = new AtomicBoolean(true);

        Watcher(Subscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void requestKeyframe() {
            keyframeWanted.set(true);
            synchronized (lock) {
                lock.notifyAll();
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                watchers.remove(this);
                lock.notifyAll();
            }
        }
    }
}
