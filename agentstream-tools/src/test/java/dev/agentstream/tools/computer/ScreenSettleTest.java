package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How long an action's screenshot waits: until the screen is still, or the settle limit. */
class ScreenSettleTest {

    static final Color STILL = new Color(0x404040);
    static final Color FINAL = new Color(0xC000C0);
    static RecordingWindow window;

    @BeforeAll
    static void showWindow() {
        TestDisplay.start();
        window = RecordingWindow.filled(STILL);
    }

    @AfterAll
    static void closeWindow() {
        window.close();
    }

    @Test
    void onAStillScreenTheWaitEndsWithTheQuietPeriodNotTheLimit() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config().withSettleLimit(Duration.ofSeconds(60)))) {
            var moved = calls.action("mouse_move", "coordinate", List.of(100, 100));
            assertThat(moved.meta()).containsEntry("settledBy", "still");
            assertThat(moved.text()).matches("Moved the pointer to \\(100, 100\\)\\. The screen settled in \\d+(\\.\\d)? s\\.");
        }
    }

    @Test
    void theScreenshotWaitsForAWindowThatIsStillDrawing() throws Exception {
        // Frames come 40 ms apart; the quiet period is 25 of those, so only a stall of the drawing thread that long (a
        // loaded two-core machine once stalled it past 400 ms) could pass for a still screen.
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config().withSettleQuiet(Duration.ofMillis(1000)))) {
            calls.action("mouse_move", "coordinate", List.of(1200, 50));
            // 30 frames 40 ms apart, each a different colour, then the final one.
            Thread animation = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 30; i++) {
                    Color frame = new Color(20 + i * 7, 200 - i * 5, 40 + i * 3);
                    window.repaintNow(g -> fill(g, frame));
                    sleep(40);
                }
                window.repaintNow(g -> fill(g, FINAL));
            });
            window.awaitPixelNot(960, 600, STILL);
            var shot = calls.action("screenshot", "settle", 30);
            animation.join();
            assertThat(shot.meta()).containsEntry("settledBy", "still");
            BufferedImage image = shot.modelImage().orElseThrow();
            assertThat(image.getRGB(640, 400)).as("the last frame, not one in between").isEqualTo(FINAL.getRGB());
        } finally {
            window.repaint(g -> fill(g, STILL), 960, 600, STILL);
        }
    }

    @Test
    void aScreenThatKeepsChangingIsCapturedAtTheLimitAndSaysSo() throws Exception {
        AtomicBoolean drawing = new AtomicBoolean(true);
        Thread animation = Thread.ofPlatform().start(() -> {
            for (int i = 0; drawing.get(); i++) {
                Color frame = i % 2 == 0 ? Color.ORANGE : Color.CYAN;
                window.repaintNow(g -> fill(g, frame));
                sleep(30);
            }
        });
        // A quiet period longer than the limit: the limit always comes first.
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config().withSettleQuiet(Duration.ofSeconds(5)))) {
            var moved = calls.action("mouse_move", "coordinate", List.of(100, 100), "settle", 0.5);
            assertThat(moved.meta()).containsEntry("settledBy", "ceiling");
            assertThat(moved.text()).contains("The screen was still changing after ").endsWith("(the settle limit), so this screenshot may catch it mid-change.");
            assertThat(moved.modelImage()).isPresent();
        } finally {
            drawing.set(false);
            animation.join();
            window.repaint(g -> fill(g, STILL), 960, 600, STILL);
        }
    }

    @Test
    void settleZeroTakesTheScreenshotAtOnce() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var moved = calls.action("mouse_move", "coordinate", List.of(120, 100), "settle", 0);
            assertThat(moved.meta()).doesNotContainKey("settledBy");
            assertThat(moved.text()).isEqualTo("Moved the pointer to (120, 100).");
            assertThat(moved.modelImage()).isPresent();
        }
    }

    private static void fill(java.awt.Graphics g, Color color) {
        g.setColor(color);
        g.fillRect(0, 0, TestDisplay.SIZE.width(), TestDisplay.SIZE.height());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
