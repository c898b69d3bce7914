package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PixelBufferTest {

    private static PixelBuffer random(int width, int height, long seed) {
        int[] data = new int[width * height];
        Random random = new Random(seed);
        for (int i = 0; i < data.length; i++) data[i] = random.nextInt(0x1000000);
        return new PixelBuffer(data, 0, width, width, height);
    }

    @Test
    void theSamePixelsCompareEqualAndHashAlikeWhateverTheirTopByte() {
        PixelBuffer a = random(37, 23, 1);
        int[] padded = a.data().clone();
        for (int i = 0; i < padded.length; i += 3) padded[i] |= 0xFF000000;
        PixelBuffer b = new PixelBuffer(padded, 0, 37, 37, 23);
        assertThat(a.sameRgb(b)).isTrue();
        assertThat(a.hash()).isEqualTo(b.hash());
    }

    @Test
    void oneDifferentPixelAnywhereMakesThemDifferent() {
        PixelBuffer a = random(37, 23, 2);
        for (int i = 0; i < a.data().length; i += 97) {
            int[] changed = a.data().clone();
            changed[i] ^= 0x000100;
            PixelBuffer b = new PixelBuffer(changed, 0, 37, 37, 23);
            assertThat(a.sameRgb(b)).as("pixel %d changed", i).isFalse();
            assertThat(a.hash()).as("pixel %d changed", i).isNotEqualTo(b.hash());
        }
    }

    @Test
    void aRegionComparesAndHashesAsACopyOfItsPixels() {
        PixelBuffer whole = random(50, 40, 3);
        Rectangle area = new Rectangle(7, 5, 21, 13);
        PixelBuffer region = whole.region(area);
        int[] copy = new int[21 * 13];
        for (int y = 0; y < 13; y++) System.arraycopy(whole.data(), (y + 5) * 50 + 7, copy, y * 21, 21);
        PixelBuffer copied = new PixelBuffer(copy, 0, 21, 21, 13);
        assertThat(region.sameRgb(copied)).isTrue();
        assertThat(region.hash()).isEqualTo(copied.hash());
        assertThat(whole.region(new Rectangle(8, 5, 21, 13)).sameRgb(copied)).isFalse();
    }
}
