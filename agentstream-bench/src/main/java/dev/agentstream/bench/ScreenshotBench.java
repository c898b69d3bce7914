package dev.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.pngencoder.PngEncoder;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.DisplaySize;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Frame;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * Screenshot latency of the computer tool on its own Xvfb, showing a window with text, bars and a noisy
 * gradient (a blank screen would flatter every encoder): the tool's capture, scale and encode phases and
 * whole call; a cached (unchanged) screenshot; ImageMagick's {@code import -window root} and {@code scrot}
 * as separate processes; and pngencoder against ImageIO on the same captured frame. Every figure is the
 * median of RUNS. Prints a Markdown section (and writes it to OUT.md when given).
 *
 * <p>Usage: {@code ScreenshotBench [RUNS] [WIDTHxHEIGHT] [OUT.md]} (defaults: 15, 1280x800).
 */
public final class ScreenshotBench {

    /** The compression level PngEncoding in the tool uses. */
    private static final int TOOL_PNG_LEVEL = 3;

    private final int runs;
    private final DisplaySize size;

    private ScreenshotBench(int runs, DisplaySize size) {
        this.runs = runs;
        this.size = size;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        DisplaySize size = args.length > 1 ? DisplaySize.parse(args[1]) : DisplaySize.DEFAULT;
        String report = new ScreenshotBench(runs, size).report();
        if (args.length > 2) Files.writeString(Path.of(args[2]), report);
        System.out.println(report);
        // AWT's threads would keep the JVM alive; the Xvfb stops once the JVM has exited.
        System.exit(0);
    }

    private String report() throws Exception {
        ComputerConfig config = ComputerConfig.defaults().withDisplaySize(size).withAlwaysStartDisplay(true);
        ComputerTool uncached = new ComputerTool(config.withCacheUnchanged(false));
        ComputerTool cached = new ComputerTool(config);
        String display = uncached.display();
        showDesktop();

        List<Map<String, Object>> fresh = new ArrayList<>();
        List<Double> freshWall = new ArrayList<>();
        try (Session session = Session.create()) {
            for (int i = 0; i < 5; i++) screenshot(uncached, session, new ArrayList<>());
            for (int i = 0; i < runs; i++) fresh.add(screenshot(uncached, session, freshWall));
        }
        List<Map<String, Object>> unchanged = new ArrayList<>();
        List<Double> unchangedWall = new ArrayList<>();
        try (Session session = Session.create()) {
            screenshot(cached, session, new ArrayList<>());
            for (int i = 0; i < runs; i++) unchanged.add(screenshot(cached, session, unchangedWall));
        }
        if (unchanged.stream().anyMatch(m -> !Boolean.TRUE.equals(m.get("unchanged")))) {
            throw new IllegalStateException("The screen changed between cached screenshots; the cache figures would be wrong.");
        }
        Path file = Files.createTempFile("screenshot-bench", ".png");
        List<Double> importMs = new ArrayList<>();
        List<Double> scrotMs = new ArrayList<>();
        long importBytes = externalCapture(List.of("import", "-window", "root", file.toString()), display, file, importMs);
        long scrotBytes = externalCapture(List.of("scrot", "-o", file.toString()), display, file, scrotMs);
        Files.deleteIfExists(file);

        BufferedImage frame = new Robot().createScreenCapture(new Rectangle(0, 0, size.width(), size.height()));
        StringBuilder encoders = new StringBuilder();
        for (int level : new int[] {1, TOOL_PNG_LEVEL, 6, 9}) {
            encoders.append(encoderRow("pngencoder, level " + level + (level == TOOL_PNG_LEVEL ? " (the tool's)" : ""),
                    () -> new PngEncoder().withBufferedImage(frame).withCompressionLevel(level).toBytes()));
        }
        encoders.append(encoderRow("pngencoder, level " + TOOL_PNG_LEVEL + ", one thread", () -> new PngEncoder().withBufferedImage(frame)
                .withCompressionLevel(TOOL_PNG_LEVEL).withMultiThreadedCompressionEnabled(false).toBytes()));
        encoders.append(encoderRow("ImageIO (JDK's PNG writer)", () -> imageIoPng(frame)));

        StringBuilder out = new StringBuilder();
        out.append("## Screenshots (computer tool)\n\n");
        out.append(String.format(Locale.ROOT, "%s, Java %s, %d cores, Xvfb %s showing text, bars and a noisy gradient; median of %d runs.%n%n",
                LocalDate.now(), Runtime.version(), Runtime.getRuntime().availableProcessors(), size, runs));
        out.append("| screenshot | capture ms | scale ms | encode ms | whole call ms | PNG bytes |\n|---|---:|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| computer tool, new screen (%s, in-process) | %.1f | %.1f | %.1f | %.1f | %d |%n",
                fresh.getFirst().get("captureMethod"), median(fresh, "captureMs"), median(fresh, "scaleMs"), median(fresh, "encodeMs"), median(freshWall),
                Math.round(median(fresh, "bytes"))));
        out.append(String.format(Locale.ROOT, "| computer tool, unchanged screen (cached: no scale, no encode) | %.1f | - | - | %.1f | - |%n",
                median(unchanged, "captureMs"), median(unchangedWall)));
        out.append(String.format(Locale.ROOT, "| `import -window root` (ImageMagick, a process) | - | - | - | %.1f | %d |%n", median(importMs), importBytes));
        out.append(String.format(Locale.ROOT, "| `scrot` (a process) | - | - | - | %.1f | %d |%n%n", median(scrotMs), scrotBytes));
        out.append("Whole call: from `execute` to the result, with the image base64-encoded for the model. ")
                .append("Screens larger than the model's resolution add the scale phase (area averaging).\n\n");
        out.append("| PNG encoder, same captured frame | encode ms | bytes |\n|---|---:|---:|\n").append(encoders).append('\n');
        return out.toString();
    }

    private Map<String, Object> screenshot(ComputerTool tool, Session session, List<Double> wallMs) {
        JsonNode input = EventJson.mapper().createObjectNode().put("action", "screenshot");
        long start = System.nanoTime();
        try (ToolStream stream = tool.execute(new ToolCall("b" + System.nanoTime(), "computer", input), ToolContext.of(session))) {
            ToolEvent terminal = stream.awaitTerminal();
            wallMs.add((System.nanoTime() - start) / 1e6);
            ToolResult result = ToolRegistry.resultOf(terminal);
            if (result.isError()) throw new IllegalStateException("screenshot failed: " + result.text());
            return result.metadata();
        }
    }

    private long externalCapture(List<String> command, String display, Path file, List<Double> wallMs) throws IOException, InterruptedException {
        for (int i = 0; i < runs + 2; i++) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DISPLAY", display);
            long start = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException(command.getFirst() + " is not installed (apt-get install imagemagick scrot).", e);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed on " + display + ".");
            }
            if (i >= 2) wallMs.add((System.nanoTime() - start) / 1e6);
        }
        return Files.size(file);
    }

    private String encoderRow(String name, Supplier<byte[]> encode) {
        for (int i = 0; i < 5; i++) encode.get();
        List<Double> ms = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            bytes = encode.get().length;
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return String.format(Locale.ROOT, "| %s | %.1f | %d |%n", name, median(ms), bytes);
    }

    private static byte[] imageIoPng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void showDesktop() throws Exception {
        showDesktop(size);
    }

    /** A full-screen window with what screens show: lines of text, coloured bars, and a photo-like noisy gradient. */
    static void showDesktop(DisplaySize size) throws Exception {
        EventQueue.invokeAndWait(() -> {
            Frame frame = new Frame("bench") {
                @Override
                public void paint(Graphics graphics) {
                    paintDesktop((Graphics2D) graphics, size.width(), size.height());
                }
            };
            frame.setUndecorated(true);
            frame.setBounds(0, 0, size.width(), size.height());
            frame.setVisible(true);
        });
        Thread.sleep(1500);
    }

    private static void paintDesktop(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF4F4F4));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x2B579A));
        g.fillRect(0, 0, width, 36);
        g.setColor(new Color(0xDDDDDD));
        g.fillRect(0, 36, 220, height - 36);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        g.setColor(new Color(0x202020));
        String[] code = {"public static void main(String[] args) throws Exception {", "    int runs = Integer.parseInt(args[0]);",
                "    for (int i = 0; i < runs; i++) { System.out.println(\"run \" + i); }", "}", "// The quick brown fox jumps over the lazy dog 0123456789"};
        for (int y = 60, line = 0; y < height - 10; y += 17, line++) {
            g.drawString(code[line % code.length] + "  // line " + line, 240, y);
            g.drawString("item " + line, 12, y);
        }
        int photoWidth = width / 3;
        int photoHeight = height / 3;
        g.setPaint(new GradientPaint(0, 0, new Color(0x3A7BD5), photoWidth, photoHeight, new Color(0xF7B733)));
        g.fillRect(width - photoWidth - 20, 60, photoWidth, photoHeight);
        Random random = new Random(42);
        for (int i = 0; i < photoWidth * photoHeight / 6; i++) {
            g.setColor(new Color(random.nextInt(0x1000000)));
            g.fillRect(width - photoWidth - 20 + random.nextInt(photoWidth), 60 + random.nextInt(photoHeight), 1, 1);
        }
    }

    private static double median(List<Map<String, Object>> metas, String key) {
        return median(metas.stream().map(m -> ((Number) m.get(key)).doubleValue()).toList());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
