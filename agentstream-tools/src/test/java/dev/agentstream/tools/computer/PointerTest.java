package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mouse pointer in screenshots (drawn from the X server's cursor image) and in their metadata. */
class PointerTest {

    static final Color FLAT = new Color(0x2A7F62);
    static RecordingWindow window;

    @BeforeAll
    static void showWindow() {
        TestDisplay.start();
        window = RecordingWindow.filled(FLAT);
    }

    @AfterAll
    static void closeWindow() {
        window.close();
    }

    @Test
    void thePointerIsDrawnWhereItIsAndAMoveAloneIsAChange() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var first = calls.action("mouse_move", "coordinate", List.of(400, 300));
            BufferedImage image = first.modelImage().orElseThrow();
            assertThat(first.meta().get("pointer")).isEqualTo(new int[] {400, 300});
            assertThat(pointerPixels(image, 400, 300)).as("pixels of the pointer's shape near (400, 300)").isGreaterThan(10);
            assertThat(pointerPixels(image, 800, 500)).isZero();

            var second = calls.action("mouse_move", "coordinate", List.of(800, 500));
            assertThat(second.meta()).containsEntry("unchanged", false);
            BufferedImage moved = second.modelImage().orElseThrow();
            assertThat(second.meta().get("pointer")).isEqualTo(new int[] {800, 500});
            assertThat(pointerPixels(moved, 800, 500)).isGreaterThan(10);
            assertThat(pointerPixels(moved, 400, 300)).isZero();
        }
    }

    /** Pixels within 20 model pixels of a point that are not the window's flat colour. */
    private static int pointerPixels(BufferedImage image, int x, int y) {
        int count = 0;
        for (int py = Math.max(0, y - 20); py < Math.min(image.getHeight(), y + 20); py++) {
            for (int px = Math.max(0, x - 20); px < Math.min(image.getWidth(), x + 20); px++) {
                if ((image.getRGB(px, py) & 0xFFFFFF) != FLAT.getRGB() - 0xFF000000) count++;
            }
        }
        return count;
    }
}
