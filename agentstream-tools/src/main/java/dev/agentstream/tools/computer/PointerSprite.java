package dev.agentstream.tools.computer;

import com.sun.jna.Pointer;
import java.awt.Point;
import java.awt.Rectangle;

/**
 * The mouse pointer as the X server shows it (the XFixes cursor image): where it is and what it looks like,
 * to draw into screenshots, which the server captures without it. Premultiplied ARGB, as XFixes gives it.
 */
record PointerSprite(int x, int y, int hotX, int hotY, int width, int height, int[] argb) {

    private static final String XFIXES = "Xfixes";
    // XFixesCursorImage fields on 64-bit Linux: x, y, width, height, xhot, yhot (shorts), cursor_serial, pixels
    private static final long PIXELS = 24;

    /** True when the display has XFixes, so {@link #read} can be used. */
    static boolean available(Object display) {
        try {
            return NativeFunctions.callInt(XFIXES, "XFixesQueryExtension", display, new int[1], new int[1]) != 0;
        } catch (DisplayUnavailableException e) {
            return false; // libXfixes is not installed: screenshots go without the pointer
        }
    }

    /** The pointer now, or null when the server has none to show. */
    static PointerSprite read(Object display) {
        Pointer image = (Pointer) NativeFunctions.callPointer(XFIXES, "XFixesGetCursorImage", display);
        if (image == null) return null;
        try {
            int width = image.getShort(4) & 0xFFFF;
            int height = image.getShort(6) & 0xFFFF;
            long[] pixels = image.getPointer(PIXELS).getLongArray(0, width * height);
            int[] argb = new int[pixels.length];
            for (int i = 0; i < pixels.length; i++) argb[i] = (int) pixels[i];
            return new PointerSprite(image.getShort(0), image.getShort(2), image.getShort(8) & 0xFFFF, image.getShort(10) & 0xFFFF,
                    width, height, argb);
        } finally {
            NativeFunctions.callInt("X11", "XFree", image);
        }
    }

    /** The pointer's hot spot on the screen. */
    Point position() {
        return new Point(x, y);
    }

    /** Draws the pointer over the pixels of {@code area} of the screen, which {@code frame} holds. */
    void drawOnto(PixelBuffer frame, Rectangle area) {
        int left = x - hotX - area.x;
        int top = y - hotY - area.y;
        int[] data = frame.data();
        for (int row = Math.max(0, -top); row < height && top + row < frame.height(); row++) {
            int target = frame.offset() + (top + row) * frame.stride();
            for (int column = Math.max(0, -left); column < width && left + column < frame.width(); column++) {
                int source = argb[row * width + column];
                int alpha = source >>> 24;
                if (alpha == 0) continue;
                int index = target + left + column;
                data[index] = alpha == 255 ? source & 0xFFFFFF : over(source, data[index], alpha);
            }
        }
    }

    private static int over(int premultiplied, int background, int alpha) {
        int keep = 255 - alpha;
        int r = ((premultiplied >> 16) & 0xFF) + (((background >> 16) & 0xFF) * keep + 127) / 255;
        int g = ((premultiplied >> 8) & 0xFF) + (((background >> 8) & 0xFF) * keep + 127) / 255;
        int b = (premultiplied & 0xFF) + ((background & 0xFF) * keep + 127) / 255;
        return Math.min(255, r) << 16 | Math.min(255, g) << 8 | Math.min(255, b);
    }
}
