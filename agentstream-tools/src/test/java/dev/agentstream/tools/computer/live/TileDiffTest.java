package dev.agentstream.tools.computer.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a screen count as changed between two captures. */
class TileDiffTest {

    static final int WIDTH = 300;
    static final int HEIGHT = 200;

    @Test
    void identicalScreensHaveNoChanges() {
        int[] screen = pattern();
        assertThat(TileDiff.changed(screen, screen.clone(), WIDTH, HEIGHT)).isEmpty();
    }

    @Test
    void theUnusedTopByteIsNoChange() {
        int[] before = pattern();
        int[] after = before.clone();
        for (int i = 0; i < after.length; i += 7) after[i] |= 0xFF000000;
        assertThat(TileDiff.changed(before, after, WIDTH, HEIGHT)).isEmpty();
    }

    @Test
    void onePixelChangesItsTileOnly() {
        int[] before = pattern();
        int[] after = before.clone();
        after[130 * WIDTH + 70] ^= 0x010000;
        assertThat(TileDiff.changed(before, after, WIDTH, HEIGHT)).containsExactly(new ScreenRegion(64, 128, 64, 64));
    }

    @Test
    void tilesAtTheRightAndBottomEdgesAreCutToTheScreen() {
        int[] before = pattern();
        int[] after = before.clone();
        after[HEIGHT * WIDTH - 1] ^= 0x0000FF;
        assertThat(TileDiff.changed(before, after, WIDTH, HEIGHT)).containsExactly(new ScreenRegion(256, 192, 44, 8));
    }

    @Test
    void neighbouringTilesJoinIntoOneRectangleAndDistantOnesStaySeparate() {
        int[] before = pattern();
        int[] after = before.clone();
        // A block across tiles (0..2, 0..1), and a dot far off in tile (4, 3).
        for (int y = 10; y < 100; y++) {
            for (int x = 20; x < 150; x++) after[y * WIDTH + x] = 0x123456;
        }
        after[195 * WIDTH + 290] = 0xABCDEF;
        List<ScreenRegion> changed = TileDiff.changed(before, after, WIDTH, HEIGHT);
        assertThat(changed).containsExactly(new ScreenRegion(0, 0, 192, 128), new ScreenRegion(256, 192, 44, 8));
        assertThat(covered(changed, after, before)).as("every changed pixel lies in a region").isTrue();
    }

    @Test
    void aStaircaseOfChangesGivesRegionsThatCoverEveryChangedPixel() {
        int[] before = pattern();
        int[] after = before.clone();
        for (int i = 0; i < HEIGHT; i++) after[i * WIDTH + Math.min(WIDTH - 1, i * 3 / 2)] ^= 0x808080;
        List<ScreenRegion> changed = TileDiff.changed(before, after, WIDTH, HEIGHT);
        assertThat(covered(changed, after, before)).isTrue();
        long area = changed.stream().mapToLong(r -> (long) r.width() * r.height()).sum();
        assertThat(area).as("only the diagonal's tiles, not the whole screen").isLessThan((long) WIDTH * HEIGHT / 2);
        for (int i = 0; i < changed.size(); i++) {
            for (int j = i + 1; j < changed.size(); j++) assertThat(overlap(changed.get(i), changed.get(j))).isFalse();
        }
    }

    private static boolean covered(List<ScreenRegion> regions, int[] after, int[] before) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (((after[y * WIDTH + x] ^ before[y * WIDTH + x]) & 0xFFFFFF) == 0) continue;
                int px = x;
                int py = y;
                if (regions.stream().noneMatch(r -> px >= r.x() && px < r.x() + r.width() && py >= r.y() && py < r.y() + r.height())) return false;
            }
        }
        return true;
    }

    private static boolean overlap(ScreenRegion a, ScreenRegion b) {
        return a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    private static int[] pattern() {
        int[] screen = new int[WIDTH * HEIGHT];
        Arrays.setAll(screen, i -> (i * 2654435761L % 0xFFFFFF) > 0x7FFFFF ? 0x202020 : 0xE0E0E0);
        return screen;
    }
}
