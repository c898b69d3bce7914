package dev.agentstream.tools.computer.live;

import java.util.Base64;
import java.util.List;

/**
 * One update of the live desktop: the parts of the screen that changed since the subscriber's previous
 * frame, each a PNG image with the rectangle it covers, in screen pixels.
 *
 * <p>How a page paints it: keep a canvas of {@code screenWidth} x {@code screenHeight}; when a frame's size
 * differs from the canvas, resize the canvas (a keyframe always comes with a new size); then draw every
 * tile's image at its {@code x}, {@code y}, in order, on top of what the canvas shows. A keyframe's single
 * tile is the whole screen. In JavaScript, with the bytes sent base64-encoded:
 * <pre>{@code
 * const img = new Image();
 * img.onload = () => ctx.drawImage(img, tile.x, tile.y);
 * img.src = `data:${tile.mimeType};base64,${tile.base64}`;   // Tile.base64()
 * }</pre>
 * (or {@code createImageBitmap(new Blob([bytes], {type: tile.mimeType}))}). Tiles of one frame never
 * overlap, so they can be drawn in any order once loaded, but frames must be painted in sequence order.
 *
 * @param sequence      the frame's number, counting up from 1 for each {@link DesktopFrames} (a subscriber sees
 *                      gaps: frames are numbered before they are offered to subscribers that need them)
 * @param screenWidth   the screen's width in pixels
 * @param screenHeight  the screen's height in pixels
 * @param keyframe      true when the frame shows the whole screen (the first frame, or one asked for with
 *                      {@link DesktopFrames.Subscription#requestKeyframe()}); a painter that lost frames waits
 *                      for the next keyframe
 * @param tiles         the changed parts, never empty
 * @param capturedAtMs  when the screen was captured, in milliseconds since the epoch
 */
public record DesktopFrame(long sequence, int screenWidth, int screenHeight, boolean keyframe, List<Tile> tiles, long capturedAtMs) {

    public DesktopFrame {
        tiles = List.copyOf(tiles);
    }

    /**
     * A part of the screen as an image.
     *
     * @param region   where it goes, in screen pixels; the image has exactly this width and height
     * @param mimeType the image's type, {@code image/png}
     * @param bytes    the encoded image (not to be modified)
     */
    public record Tile(ScreenRegion region, String mimeType, byte[] bytes) {
        public int x() {
            return region.x();
        }

        public int y() {
            return region.y();
        }

        public int width() {
            return region.width();
        }

        public int height() {
            return region.height();
        }

        /** The bytes in base64, for JSON (a {@code data:} URL is {@code "data:" + mimeType + ";base64," + base64()}). */
        public String base64() {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    /** The encoded bytes of all tiles together. */
    public long bytes() {
        long total = 0;
        for (Tile tile : tiles) total += tile.bytes().length;
        return total;
    }
}
