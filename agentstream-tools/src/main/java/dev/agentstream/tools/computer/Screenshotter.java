package dev.agentstream.tools.computer;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Takes screenshots in three phases, capture (Robot), scale (area averaging) and encode (PNG), timing each. */
final class Screenshotter {

    private Screenshotter() {}

    /**
     * The whole screen at the model's size. With a cache, a screen pixel-identical to the last one the
     * model was sent is neither scaled nor encoded: the result is that screenshot, marked unchanged.
     */
    static Screenshot full(JvmDisplay display, ScreenMapping mapping, ScreenshotCache cache, CallProgress progress) {
        Resolution screen = mapping.screen();
        Rectangle area = new Rectangle(0, 0, screen.width(), screen.height());
        progress.report("capturing the screen (" + screen + ")", 0);
        long start = System.nanoTime();
        BufferedImage captured = display.capture(area);
        PixelBuffer frame = PixelBuffer.of(captured);
        long hash = frame.hash();
        double captureMs = millisSince(start);
        progress.count("captureMs", Math.round(captureMs));
        if (cache != null) {
            var previous = cache.matching(frame, hash, mapping.model());
            if (previous.isPresent()) {
                Screenshot sent = previous.get().screenshot();
                progress.report("screen unchanged", 1);
                return new Screenshot(sent.png(), screen, area, sent.image(), captureMs, 0, 0, hash, true, previous.get().ageMs());
            }
        }
        Screenshot shot = scaleAndEncode(captured, frame, screen, area, mapping.model(), captureMs, hash, progress);
        if (cache != null) cache.remember(frame, hash, mapping.model(), shot);
        return shot;
    }

    /** A part of the screen at full resolution, shrunk only if it is larger than the model's screenshots. */
    static Screenshot zoom(JvmDisplay display, ScreenMapping mapping, Rectangle area, CallProgress progress) {
        progress.report("capturing " + area.width + "x" + area.height + " at " + area.x + "," + area.y, 0);
        long start = System.nanoTime();
        BufferedImage captured = display.capture(area);
        PixelBuffer frame = PixelBuffer.of(captured);
        long hash = frame.hash();
        double captureMs = millisSince(start);
        progress.count("captureMs", Math.round(captureMs));
        Resolution size = Scaling.fitWithin(mapping.model()).modelSize(new Resolution(area.width, area.height));
        return scaleAndEncode(captured, frame, mapping.screen(), area, size, captureMs, hash, progress);
    }

    private static Screenshot scaleAndEncode(BufferedImage captured, PixelBuffer frame, Resolution screen, Rectangle area,
                                             Resolution size, double captureMs, long hash, CallProgress progress) {
        long start = System.nanoTime();
        BufferedImage image;
        if (size.width() == frame.width() && size.height() == frame.height()) {
            image = captured;
        } else {
            progress.report("scaling " + frame.width() + "x" + frame.height() + " to " + size, 0.55);
            image = AreaAverageScaler.scale(frame, size.width(), size.height());
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
        return new Screenshot(png, screen, area, size, captureMs, scaleMs, encodeMs, hash, false, 0);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
