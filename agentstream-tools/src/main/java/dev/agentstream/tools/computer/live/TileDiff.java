package dev.agentstream.tools.computer.live;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds what changed between two captures of the same screen, as few rectangles of whole tiles: each tile
 * row's changed tiles are joined into runs, and a run is extended downwards while the rows below change in
 * the same columns. An unchanged pixel row costs one vectorised comparison ({@link Arrays#mismatch}), so a
 * still screen is compared in about a millisecond.
 */
final class TileDiff {

    /** Tile side in pixels: small enough for typing to send little, large enough to keep rectangles few. */
    static final int TILE = 64;
    private static final int RGB = 0xFFFFFF;

    private TileDiff() {}

    /** The changed areas of a {@code width} x {@code height} screen ({@code 0xRRGGBB} ints, top byte ignored), top to bottom. */
    static List<ScreenRegion> changed(int[] before, int[] after, int width, int height) {
        int columns = (width + TILE - 1) / TILE;
        List<ScreenRegion> done = new ArrayList<>();
        List<int[]> open = new ArrayList<>(); // {firstColumn, endColumn, topRow}
        boolean[] dirty = new boolean[columns];
        for (int top = 0; top < height; top += TILE) {
            Arrays.fill(dirty, false);
            int rows = Math.min(TILE, height - top);
            for (int y = top; y < top + rows; y++) markRow(before, after, y * width, width, dirty);
            List<int[]> runs = runs(dirty);
            List<int[]> stillOpen = new ArrayList<>();
            for (int[] region : open) {
                int[] same = runs.stream().filter(r -> r[0] == region[0] && r[1] == region[1]).findFirst().orElse(null);
                if (same != null) {
                    runs.remove(same);
                    stillOpen.add(region);
                } else {
                    done.add(toRegion(region, top, width));
                }
            }
            for (int[] run : runs) stillOpen.add(new int[] {run[0], run[1], top});
            open = stillOpen;
        }
        for (int[] region : open) done.add(toRegion(region, height, width));
        done.sort((a, b) -> a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
        return done;
    }

    /** Marks the tiles where this row differs, skipping to the next tile after each difference found. */
    private static void markRow(int[] before, int[] after, int row, int width, boolean[] dirty) {
        int from = 0;
        while (from < width) {
            int at = Arrays.mismatch(before, row + from, row + width, after, row + from, row + width);
            if (at < 0) return;
            int x = from + at;
            if (((before[row + x] ^ after[row + x]) & RGB) == 0) {
                from = x + 1; // only the unused top byte differs
                continue;
            }
            int column = x / TILE;
            dirty[column] = true;
            from = (column + 1) * TILE;
        }
    }

    private static List<int[]> runs(boolean[] dirty) {
        List<int[]> runs = new ArrayList<>();
        for (int c = 0; c < dirty.length; c++) {
            if (!dirty[c]) continue;
            int start = c;
            while (c + 1 < dirty.length && dirty[c + 1]) c++;
            runs.add(new int[] {start, c + 1});
        }
        return runs;
    }

    private static ScreenRegion toRegion(int[] region, int bottom, int width) {
        int x = region[0] * TILE;
        int right = Math.min(width, region[1] * TILE);
        return new ScreenRegion(x, region[2], right - x, bottom - region[2]);
    }
}
