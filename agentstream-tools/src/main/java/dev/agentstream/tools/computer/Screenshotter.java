package dev.agentstream.tools.computer;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * Takes screenshots in three phases, capture (shared memory or Robot, the pointer drawn in), scale (area
 * averaging) and encode (PNG), timing each. The capture is compared with the last screenshot the model was
 * sent before anything is scaled or encoded.
 */
final class Screenshotter {

    /** Capture's share of a screenshot's progress; scale and encode follow. */
    private static final double CAPTURE_SHARE = 0.5;

    private Screenshotter() {}

    /** The whole screen at the model's size (see {@link #of}). */
    static Screenshot full(JvmDisplay display, ScreenMapping mapping, ScreenshotCache cache, CallProgress progress) {
        if (cache == null) return of(captureFull(display, mapping, null, progress), mapping, null, progress);
        // Captured into the array the cache has spare: an unchanged screen costs a grab and a compare, no allocation.
        Frame frame = captureFull(display, mapping, cache.takeSpare(), progress);
        Screenshot shot = of(frame, mapping, cache, progress);
        if (shot.unchanged()) cache.giveBack(frame.pixels().data());
        return shot;
    }

    /** Captures the whole screen, into {@code reuse} when it fits, reporting progress by rows. */
    static Frame captureFull(JvmDisplay display, ScreenMapping mapping, int[] reuse, CallProgress progress) {
        Resolution screen = mapping.screen();
        String message = "capturing the screen (" + screen + ")";
        progress.report(message, 0);
        return display.capture(new Rectangle(0, 0, screen.width(), screen.height()), reuse,
                done -> progress.report(message, done * CAPTURE_SHARE));
    }

    /**
     * A captured whole screen at the model's size. With a cache, a screen pixel-identical to the last one
     * the model was sent is neither scaled nor encoded: the result is that screenshot, marked unchanged.
     */
    static Screenshot of(Frame frame, ScreenMapping mapping, ScreenshotCache cache, CallProgress progress) {
        long start = System.nanoTime();
        Point pointer = mapping.toModel(frame.pointer());
        if (cache != null) {
            var previous = cache.matching(frame.pixels(), mapping.model());
            if (previous.isPresent()) {
                double captureMs = frame.captureMs() + millisSince(start);
                progress.count("captureMs", Math.round(captureMs));
                Screenshot sent = previous.get().screenshot();
                progress.report("screen unchanged", 1);
                return new Screenshot(sent.png(), mapping.screen(), frame.area(), sent.image(), captureMs, 0, 0, previous.get().hash(), true,
                        previous.get().ageMs(), pointer, frame.method());
            }
        }
        long hash = frame.pixels().hash();
        double captureMs = frame.captureMs() + millisSince(start);
        progress.count("captureMs", Math.round(captureMs));
        Screenshot shot = scaleAndEncode(frame, mapping.screen(), mapping.model(), captureMs, hash, pointer, progress);
        if (cache != null) cache.remember(frame.pixels(), hash, mapping.model(), shot);
        return shot;
    }

    /** A part of the screen at full resolution, shrunk only if it is larger than the model's screenshots. */
    static Screenshot zoom(JvmDisplay display, ScreenMapping mapping, Rectangle area, CallProgress progress) {
        String message = "capturing " + area.width + "x" + area.height + " at " + area.x + "," + area.y;
        progress.report(message, 0);
        Frame frame = display.capture(area, null, done -> progress.report(message, done * CAPTURE_SHARE));
        long start = System.nanoTime();
        long hash = frame.pixels().hash();
        double captureMs = frame.captureMs() + millisSince(start);
        progress.count("captureMs", Math.round(captureMs));
        Resolution size = zoomSize(mapping, area);
        return scaleAndEncode(frame, mapping.screen(), size, captureMs, hash, mapping.toModel(frame.pointer()), progress);
    }

    /**
     * The zoom image's size: the area itself when it fits the model's screenshots, else shrunk to fit; the
     * whole screen is exactly the model's screenshot size (fitting would round 2560x1440 to 1365x768, not
     * the 1366x768 the model's screenshots have).
     */
    static Resolution zoomSize(ScreenMapping mapping, Rectangle area) {
        if (area.x == 0 && area.y == 0 && area.width == mapping.screen().width() && area.height == mapping.screen().height()) {
            return mapping.model();
        }
        return Scaling.fitWithin(mapping.model()).modelSize(new Resolution(area.width, area.height));
    }

    private static Screenshot scaleAndEncode(Frame frame, Resolution screen, Resolution size, double captureMs, long hash,
                                             Point pointer, CallProgress progress) {
        PixelBuffer pixels = frame.pixels();
        long start = System.nanoTime();
        BufferedImage image;
        if (size.width() == pixels.width() && size.height() == pixels.height()) {
            image = pixels.toImage();
        } else {
            progress.report("scaling " + pixels.width() + "x" + pixels.height() + " to " + size, 0.55);
            image = AreaAverageScaler.scale(pixels, size.width(), size.height());
        }
        double scaleMs = millisSince(start);
        progress.count("scaleMs", Math.round(scaleMs));
        progress.report("encoding PNG (" + size + ")", 0.7);
        start = System.nanoTime();
        byte[] png = PngEncoding.encode(image);
        double encodeMs = millisSince(start);
        progress.count("encodeMs", Math.round(encodeMs));
        progress.count("bytes", png.length);
        progress.report("screenshot ready", 1);
        return new Screenshot(png, screen, frame.area(), size, captureMs, scaleMs, encodeMs, hash, false, 0, pointer, frame.method());
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
