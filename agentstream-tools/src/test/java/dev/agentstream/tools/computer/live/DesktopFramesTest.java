package dev.agentstream.tools.computer.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.RecordingWindow;
import dev.agentstream.tools.computer.TestDisplay;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live desktop's frames on a real Xvfb: a keyframe first, nothing while the screen is still, the changed
 * parts when a window opens (painting them gives what Robot sees), and no capturing once nobody watches.
 */
class DesktopFramesTest {

    /** How far from the pointer's hot spot its drawn shape may reach (Robot captures without it). */
    static final int POINTER_BOX = 48;

    static DisplayAccess display;
    final List<Process> programs = new ArrayList<>();

    @BeforeAll
    static void startDisplay() {
        display = LiveDisplay.start();
    }

    @AfterEach
    void stopPrograms() throws InterruptedException {
        for (Process p : programs) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKeyframeComesFirstThenNothingWhileStillThenTheWindowThatOpens() throws Exception {
        try (DesktopFrames frames = new DesktopFrames(display); Painter painter = new Painter(frames)) {
            DesktopFrame first = painter.next();
            assertThat(first.keyframe()).isTrue();
            assertThat(first.tiles()).singleElement().satisfies(tile -> {
                assertThat(tile.region()).isEqualTo(new ScreenRegion(0, 0, TestDisplay.SIZE.width(), TestDisplay.SIZE.height()));
                assertThat(tile.mimeType()).isEqualTo("image/png");
                assertThat(java.util.Base64.getDecoder().decode(tile.base64())).isEqualTo(tile.bytes());
            });
            painter.paint(first);

            painter.drainUntilQuiet(frames);
            long before = frames.captureCount();
            awaitTrue(() -> frames.captureCount() >= before + 10, "ten more captures");
            assertThat(painter.pending()).as("frames sent while the screen was still").isEmpty();

            programs.add(onDisplay("xmessage", "-geometry", "+300+200", "-name", "livetest", "The live desktop shows this window").start());
            List<DesktopFrame> received = new ArrayList<>();
            awaitTrue(() -> {
                DesktopFrame frame = painter.poll();
                if (frame != null) {
                    received.add(frame);
                    painter.paint(frame);
                }
                return !received.isEmpty() && painter.matchesScreen();
            }, "the painted frames to show what Robot captures");

            assertThat(received).noneMatch(DesktopFrame::keyframe);
            int[] window = windowGeometry("livetest");
            assertThat(covers(received, window)).as("the tiles sent cover the new window " + java.util.Arrays.toString(window)).isTrue();
            long sentArea = received.stream().flatMap(f -> f.tiles().stream()).mapToLong(t -> (long) t.width() * t.height()).sum();
            assertThat(sentArea).as("pixels sent, against the whole screen's").isLessThan((long) TestDisplay.SIZE.width() * TestDisplay.SIZE.height());
            for (int i = 1; i < received.size(); i++) assertThat(received.get(i).sequence()).isGreaterThan(received.get(i - 1).sequence());
        }
    }

    @Test
    void capturingStopsWhenTheLastSubscriberLeavesAndAReturningOneGetsAKeyframe() throws Exception {
        try (DesktopFrames frames = new DesktopFrames(display)) {
            assertThat(frames.isCapturing()).isFalse();
            Painter first = new Painter(frames);
            Painter second = new Painter(frames);
            assertThat(first.next().keyframe()).isTrue();
            assertThat(second.next().keyframe()).isTrue();
            first.close();
            assertThat(frames.isCapturing()).as("one subscriber still watches").isTrue();
            second.close();
            awaitTrue(() -> !frames.isCapturing(), "capturing to stop");
            long stoppedAt = frames.captureCount();

            try (Painter again = new Painter(frames)) {
                assertThat(frames.isCapturing()).isTrue();
                assertThat(again.next().keyframe()).isTrue();
                assertThat(frames.captureCount()).isGreaterThan(stoppedAt);
            }
        }
    }

    @Test
    void aSubscriberThatAsksGetsAKeyframeAgain() throws Exception {
        try (DesktopFrames frames = new DesktopFrames(display); Painter painter = new Painter(frames)) {
            assertThat(painter.next().keyframe()).isTrue();
            painter.drainUntilQuiet(frames);
            painter.subscription.requestKeyframe();
            DesktopFrame again = painter.next();
            assertThat(again.keyframe()).isTrue();
            assertThat(again.tiles()).singleElement().extracting(t -> t.region().width()).isEqualTo(TestDisplay.SIZE.width());
        }
    }

    private static ProcessBuilder onDisplay(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(LiveDisplay.environment(display));
        return builder;
    }

    /** Left, top, width and height of the window with this instance name, as xwininfo reports it. */
    private int[] windowGeometry(String name) throws IOException, InterruptedException {
        Process p = onDisplay("xwininfo", "-name", name).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return new int[] {field(out, "Absolute upper-left X"), field(out, "Absolute upper-left Y"), field(out, "Width"), field(out, "Height")};
    }

    private static int field(String xwininfo, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s+(-?\\d+)").matcher(xwininfo);
        if (!m.find()) throw new AssertionError("xwininfo has no '" + name + "': " + xwininfo);
        return Integer.parseInt(m.group(1));
    }

    private static boolean covers(List<DesktopFrame> frames, int[] window) {
        for (int y = window[1]; y < window[1] + window[3]; y += 4) {
            for (int x = window[0]; x < window[0] + window[2]; x += 4) {
                int px = x;
                int py = y;
                boolean inside = frames.stream().flatMap(f -> f.tiles().stream()).anyMatch(t ->
                        px >= t.x() && px < t.x() + t.width() && py >= t.y() && py < t.y() + t.height());
                if (!inside) return false;
            }
        }
        return true;
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        RecordingWindow.awaitTrue(condition, what);
    }

    /** A subscriber painting frames onto a canvas as the page does. */
    static final class Painter implements AutoCloseable {
        final BlockingQueue<DesktopFrame> queue = new LinkedBlockingQueue<>();
        final DesktopFrames.Subscription subscription;
        BufferedImage canvas;

        Painter(DesktopFrames frames) {
            this.subscription = frames.subscribe(queue::add);
        }

        DesktopFrame next() throws InterruptedException {
            DesktopFrame frame = queue.poll(15, TimeUnit.SECONDS);
            if (frame == null) throw new AssertionError("No frame came within 15 s.");
            return frame;
        }

        DesktopFrame poll() {
            return queue.poll();
        }

        List<DesktopFrame> pending() {
            return List.copyOf(queue);
        }

        /** Paints what arrives until three captures in a row bring nothing (earlier tests' windows may still be going). */
        void drainUntilQuiet(DesktopFrames frames) {
            long[] quietSince = {frames.captureCount()};
            awaitTrue(() -> {
                DesktopFrame frame;
                while ((frame = queue.poll()) != null) {
                    if (canvas != null) paint(frame);
                    quietSince[0] = frames.captureCount();
                }
                return frames.captureCount() >= quietSince[0] + 3;
            }, "the screen to be still");
        }

        void paint(DesktopFrame frame) {
            if (canvas == null || canvas.getWidth() != frame.screenWidth() || canvas.getHeight() != frame.screenHeight()) {
                assertThat(frame.keyframe()).as("a frame of a new size is a keyframe").isTrue();
                canvas = new BufferedImage(frame.screenWidth(), frame.screenHeight(), BufferedImage.TYPE_INT_RGB);
            }
            Graphics2D g = canvas.createGraphics();
            try {
                for (DesktopFrame.Tile tile : frame.tiles()) {
                    BufferedImage image = LiveDisplay.decode(tile.bytes());
                    assertThat(image.getWidth()).isEqualTo(tile.width());
                    assertThat(image.getHeight()).isEqualTo(tile.height());
                    g.drawImage(image, tile.x(), tile.y(), null);
                }
            } finally {
                g.dispose();
            }
        }

        /** True when the canvas shows what Robot captures, away from the pointer (which Robot leaves out). */
        boolean matchesScreen() {
            BufferedImage screen = LiveDisplay.robotCapture();
            Point pointer = LiveDisplay.pointer();
            for (int y = 0; y < screen.getHeight(); y++) {
                for (int x = 0; x < screen.getWidth(); x++) {
                    if (Math.abs(x - pointer.x) < POINTER_BOX && Math.abs(y - pointer.y) < POINTER_BOX) continue;
                    if ((screen.getRGB(x, y) & 0xFFFFFF) != (canvas.getRGB(x, y) & 0xFFFFFF)) return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            subscription.close();
        }
    }
}
