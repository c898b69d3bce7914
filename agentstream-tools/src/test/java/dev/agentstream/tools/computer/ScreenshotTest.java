package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Screenshots of a pattern the test paints, checked pixel by pixel after capture, scaling and PNG. */
class ScreenshotTest {

    static final Color RED = new Color(0xFF0000);
    static final Color GREEN = new Color(0x00C800);
    static final Color BLUE = new Color(0x0000FF);
    static final Color YELLOW = new Color(0xFFFF00);
    static final Color WHITE = new Color(0xFFFFFF);

    static String display;
    static RecordingWindow window;

    /** Four quadrants meeting at the screen's centre (960, 600) and a 90x90 square at (300, 300). */
    static void paintPattern(Graphics g, Color square) {
        g.setColor(RED);
        g.fillRect(0, 0, 960, 600);
        g.setColor(GREEN);
        g.fillRect(960, 0, 960, 600);
        g.setColor(BLUE);
        g.fillRect(0, 600, 960, 600);
        g.setColor(YELLOW);
        g.fillRect(960, 600, 960, 600);
        g.setColor(square);
        g.fillRect(300, 300, 90, 90);
    }

    @BeforeAll
    static void showPattern() {
        display = TestDisplay.start();
        window = new RecordingWindow(g -> paintPattern(g, WHITE));
        window.awaitPixel(345, 345, WHITE);
        window.awaitPixel(1500, 900, YELLOW);
        // The pointer is in every screenshot: keep it where no test looks.
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            calls.action("mouse_move", "coordinate", List.of(1100, 100), "settle", 0);
        }
    }

    @AfterAll
    static void closeWindow() {
        window.close();
    }

    @Test
    void theScreenReachesTheModelScaledToWxgaWithItsPixelsIntact() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var shot = calls.action("screenshot");
            assertThat(shot.isError()).isFalse();
            BufferedImage image = shot.modelImage().orElseThrow();
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(800);
            // The quadrants meet at the model's centre, with no blended seam: 960 screen pixels are 640 model pixels.
            assertThat(rgb(image, 639, 399)).isEqualTo(RED.getRGB());
            assertThat(rgb(image, 640, 399)).isEqualTo(GREEN.getRGB());
            assertThat(rgb(image, 639, 400)).isEqualTo(BLUE.getRGB());
            assertThat(rgb(image, 640, 400)).isEqualTo(YELLOW.getRGB());
            assertThat(rgb(image, 0, 0)).isEqualTo(RED.getRGB());
            assertThat(rgb(image, 1279, 799)).isEqualTo(YELLOW.getRGB());
            // The square spans screen 300..389, so model 200..259.
            assertThat(rgb(image, 199, 230)).isEqualTo(RED.getRGB());
            assertThat(rgb(image, 200, 230)).isEqualTo(WHITE.getRGB());
            assertThat(rgb(image, 259, 259)).isEqualTo(WHITE.getRGB());
            assertThat(rgb(image, 260, 259)).isEqualTo(RED.getRGB());
        }
    }

    @Test
    void theImageEventCarriesTheScreenshotsFacts() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var shot = calls.action("screenshot");
            Map<String, Object> meta = shot.meta();
            assertThat(meta).containsEntry("display", display).containsEntry("action", "screenshot")
                    .containsEntry("screenWidth", 1920).containsEntry("screenHeight", 1200)
                    .containsEntry("width", 1280).containsEntry("height", 800)
                    .containsEntry("scale", 0.6667).containsEntry("unchanged", false);
            assertThat(meta.get("captureMs")).isInstanceOf(Double.class);
            assertThat((Double) meta.get("scaleMs")).isGreaterThan(0.0);
            assertThat((Double) meta.get("encodeMs")).isGreaterThan(0.0);
            assertThat((String) meta.get("contentHash")).matches("[0-9a-f]{16}");

            List<ToolEvent.Image> images = shot.images();
            assertThat(images).hasSize(1);
            ToolEvent.Image event = images.getFirst();
            assertThat(event.mediaType()).isEqualTo("image/png");
            assertThat(event.width()).isEqualTo(1280);
            assertThat(event.height()).isEqualTo(800);
            assertThat(event.bytes()).hasSize((Integer) meta.get("bytes"));
            assertThat(event.bytes()).isEqualTo(Base64.getDecoder().decode(imageBlock(shot).base64()));
            assertThat(event.metadata()).isEqualTo(meta.entrySet().stream()
                    .filter(e -> event.metadata().containsKey(e.getKey()))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(event.metadata()).containsKeys("captureMs", "scaleMs", "encodeMs", "bytes", "contentHash", "scale");
        }
    }

    @Test
    void sharedMemoryCapturesTheSamePixelsAsRobotWithThePointerDrawnIn() throws Exception {
        JvmDisplay screen = JvmDisplay.current();
        Rectangle whole = new Rectangle(0, 0, 1920, 1200);
        screen.lock().lock();
        try {
            Frame frame = screen.capture(whole, null, done -> {});
            BufferedImage robot = new Robot().createScreenCapture(whole);
            assertThat(frame.method()).isEqualTo("shm");
            Rectangle pointer = new Rectangle(frame.pointer().x - 64, frame.pointer().y - 64, 128, 128);
            int differentNearPointer = 0;
            for (int y = 0; y < 1200; y++) {
                for (int x = 0; x < 1920; x++) {
                    boolean same = frame.pixels().rgb(x, y) == (robot.getRGB(x, y) & 0xFFFFFF);
                    if (pointer.contains(x, y)) {
                        if (!same) differentNearPointer++;
                    } else if (!same) {
                        throw new AssertionError("pixel " + x + "," + y + " differs from Robot's capture");
                    }
                }
            }
            assertThat(differentNearPointer).as("pixels the pointer covers").isPositive();
        } finally {
            screen.lock().unlock();
        }
    }

    @Test
    void theDescriptionNamesTheRunningDisplayAndTheRealScreenshotSize() {
        // Configured for 1280x800, but the display running in this JVM is 1920x1200.
        String description = new ComputerTool(ComputerConfig.defaults().withAlwaysStartDisplay(true)).spec().description();
        assertThat(description).contains("of the X display " + display + " (a 1920x1200 virtual display, Xvfb)")
                .contains("Screenshots are 1280x800 pixels (scaled from 1920x1200) and show the mouse pointer")
                .contains("still for 0.3 s (waiting at most 2 s;");
    }

    @Test
    void progressStartsWithTheCaptureAndNeverGoesBack() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var progress = calls.action("screenshot").progress();
            assertThat(progress).isNotEmpty();
            assertThat(progress.getFirst().message()).isEqualTo("capturing the screen (1920x1200)");
            assertThat(progress.getFirst().fraction().getAsDouble()).isEqualTo(0.0);
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i).fraction().getAsDouble()).isGreaterThanOrEqualTo(progress.get(i - 1).fraction().getAsDouble());
            }
        }
    }

    @Test
    void anUnchangedScreenIsSentAsAShortTextAndNotEncodedAgain() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var first = calls.action("screenshot");
            var second = calls.action("screenshot");
            assertThat(second.result().content()).noneMatch(b -> b instanceof ContentBlock.ImageData);
            assertThat(second.text()).matches("Screen unchanged since the screenshot \\d+(\\.\\d)? s ago\\.");
            assertThat(second.meta()).containsEntry("unchanged", true).containsEntry("encodeMs", 0.0).containsEntry("scaleMs", 0.0)
                    .containsEntry("contentHash", first.meta().get("contentHash"));
            // The watcher still sees the screen: the image event repeats the screenshot already encoded.
            assertThat(second.images().getFirst().bytes()).isEqualTo(first.images().getFirst().bytes());

            window.repaint(g -> paintPattern(g, BLUE), 345, 345, BLUE);
            try {
                var third = calls.action("screenshot");
                assertThat(third.modelImage()).isPresent();
                assertThat(third.meta()).containsEntry("unchanged", false);
                assertThat(third.meta().get("contentHash")).isNotEqualTo(first.meta().get("contentHash"));
                assertThat(rgb(third.modelImage().get(), 230, 230)).isEqualTo(BLUE.getRGB());
            } finally {
                window.repaint(g -> paintPattern(g, WHITE), 345, 345, WHITE);
            }
        }
    }

    @Test
    void withTheCacheOffEveryScreenshotIsAnImage() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config().withCacheUnchanged(false))) {
            calls.action("screenshot");
            var again = calls.action("screenshot");
            assertThat(again.modelImage()).isPresent();
            assertThat(again.meta()).containsEntry("unchanged", false);
        }
    }

    @Test
    void withScalingOffTheModelSeesTheScreensOwnPixels() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config().withScaling(Scaling.off()))) {
            var shot = calls.action("screenshot");
            BufferedImage image = shot.modelImage().orElseThrow();
            assertThat(image.getWidth()).isEqualTo(1920);
            assertThat(image.getHeight()).isEqualTo(1200);
            assertThat(rgb(image, 959, 599)).isEqualTo(RED.getRGB());
            assertThat(rgb(image, 960, 600)).isEqualTo(YELLOW.getRGB());
            assertThat(rgb(image, 300, 300)).isEqualTo(WHITE.getRGB());
            assertThat(rgb(image, 299, 300)).isEqualTo(RED.getRGB());
            assertThat(shot.meta()).containsEntry("scale", 1.0);
        }
    }

    @Test
    void zoomShowsARegionAtTheScreensFullResolution() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            var zoom = calls.action("zoom", "region", List.of(600, 360, 680, 440));
            assertThat(zoom.isError()).isFalse();
            BufferedImage image = zoom.modelImage().orElseThrow();
            // 80x80 model pixels are 120x120 screen pixels, shown unscaled.
            assertThat(image.getWidth()).isEqualTo(120);
            assertThat(image.getHeight()).isEqualTo(120);
            assertThat(rgb(image, 59, 59)).isEqualTo(RED.getRGB());
            assertThat(rgb(image, 60, 59)).isEqualTo(GREEN.getRGB());
            assertThat(rgb(image, 59, 60)).isEqualTo(BLUE.getRGB());
            assertThat(rgb(image, 60, 60)).isEqualTo(YELLOW.getRGB());
            assertThat(zoom.text()).isEqualTo("Region [600, 360, 680, 440] at 120x120 (the screen's full resolution).");
            assertThat(zoom.meta()).containsEntry("action", "zoom").containsEntry("scale", 1.0);
            assertThat(zoom.images()).hasSize(1);
            var json = EventJson.toJson(zoom.images().getFirst());
            assertThat(json.get("type").asText()).isEqualTo("image");
            assertThat(json.get("meta").get("region").toString()).isEqualTo("[600,360,680,440]");
            assertThat(json.get("meta").get("screenRegion").toString()).isEqualTo("[900,540,1020,660]");
        }
    }

    @Test
    void aZoomLargerThanTheModelsScreenshotIsShrunkToFit() {
        try (ComputerCalls calls = new ComputerCalls(TestDisplay.config())) {
            BufferedImage image = calls.action("zoom", "region", List.of(0, 0, 1280, 800)).modelImage().orElseThrow();
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(800);
        }
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) | 0xFF000000;
    }

    static ContentBlock.ImageData imageBlock(ComputerCalls.Recorded recorded) {
        return recorded.result().content().stream().filter(b -> b instanceof ContentBlock.ImageData)
                .map(b -> (ContentBlock.ImageData) b).findFirst().orElseThrow();
    }
}
