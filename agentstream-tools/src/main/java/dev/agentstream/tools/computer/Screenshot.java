package dev.agentstream.tools.computer;

import java.awt.Point;
import java.awt.Rectangle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One screenshot as sent: the PNG, the screen it came from, the part of it shown, how long each phase took,
 * when the screen had not changed since the last screenshot the model saw, how long ago that was, where the
 * pointer was (in the model's screenshot pixels) and how the screen was captured.
 */
record Screenshot(byte[] png, Resolution screen, Rectangle screenArea, Resolution image, double captureMs,
                  double scaleMs, double encodeMs, long contentHash, boolean unchanged, long unchangedForMs,
                  Point pointer, String captureMethod) {

    Map<String, Object> metadata(String display) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("display", display);
        meta.put("screenWidth", screen.width());
        meta.put("screenHeight", screen.height());
        meta.put("width", image.width());
        meta.put("height", image.height());
        meta.put("scale", round((double) image.width() / screenArea.width, 4));
        if (screenArea.width != screen.width() || screenArea.height != screen.height()) {
            meta.put("screenRegion", new int[] {screenArea.x, screenArea.y, screenArea.x + screenArea.width, screenArea.y + screenArea.height});
        }
        meta.put("pointer", new int[] {pointer.x, pointer.y});
        meta.put("captureMethod", captureMethod);
        meta.put("captureMs", round(captureMs, 1));
        meta.put("scaleMs", round(scaleMs, 1));
        meta.put("encodeMs", round(encodeMs, 1));
        meta.put("bytes", png.length);
        meta.put("contentHash", String.format(Locale.ROOT, "%016x", contentHash));
        meta.put("unchanged", unchanged);
        if (unchanged) meta.put("unchangedForMs", unchangedForMs);
        return meta;
    }

    private static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }
}
