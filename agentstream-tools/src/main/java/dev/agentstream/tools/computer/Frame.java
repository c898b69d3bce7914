package dev.agentstream.tools.computer;

import java.awt.Point;
import java.awt.Rectangle;

/**
 * One capture of a part of the screen with the pointer drawn in: its pixels, where the pointer was (screen
 * pixels), how long the capture took and how it was made ({@code shm} or {@code robot}).
 */
record Frame(PixelBuffer pixels, Rectangle area, Point pointer, double captureMs, String method) {

    /** True when both show the same pixels (pointer included). */
    boolean samePixels(Frame other) {
        return pixels.sameRgb(other.pixels);
    }
}
