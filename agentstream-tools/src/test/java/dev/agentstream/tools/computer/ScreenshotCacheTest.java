package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Point;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class ScreenshotCacheTest {

    private static final Resolution SCREEN = new Resolution(4, 2);

    private static PixelBuffer frame(int fill) {
        int[] pixels = new int[SCREEN.width() * SCREEN.height()];
        java.util.Arrays.fill(pixels, fill);
        return new PixelBuffer(pixels, 0, SCREEN.width(), SCREEN.width(), SCREEN.height());
    }

    private static Screenshot shot(PixelBuffer frame) {
        return new Screenshot(new byte[0], SCREEN, new Rectangle(0, 0, 4, 2), SCREEN, 0, 0, 0, frame.hash(), false, 0, new Point(), "shm");
    }

    @Test
    void theArrayARememberedFrameReplacedIsLentForTheNextCaptureAndNeverOneStillRemembered() {
        ScreenshotCache cache = new ScreenshotCache();
        PixelBuffer first = frame(1);
        cache.remember(first, first.hash(), SCREEN, shot(first));
        assertThat(cache.takeSpare()).as("nothing was replaced yet").isNull();

        PixelBuffer second = frame(2);
        cache.remember(second, second.hash(), SCREEN, shot(second));
        int[] spare = cache.takeSpare();
        assertThat(spare).isSameAs(first.data());
        assertThat(cache.takeSpare()).as("lent once").isNull();

        // An unchanged capture made into the spare is handed back; the remembered frame itself never is.
        cache.giveBack(spare);
        cache.giveBack(second.data());
        assertThat(cache.takeSpare()).isSameAs(spare);
        assertThat(cache.matching(second, SCREEN)).isPresent();
    }
}
