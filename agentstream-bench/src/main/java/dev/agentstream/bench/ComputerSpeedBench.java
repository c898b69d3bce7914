package dev.agentstream.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import dev.agentstream.tools.computer.DisplaySize;
import dev.agentstream.tools.computer.Resolution;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Frame;
import java.awt.TextArea;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The computer tool against the commands computer-use-demo runs, side by side in one run: the tool's
 * screenshot (shared-memory capture) and {@code scrot} at three screen sizes, an unchanged screen, and a
 * 10-action sequence against computer-use-demo's xdotool, {@code scrot -p}, {@code convert} and its fixed
 * 2 s delays (as its computer.py for computer_20250124 runs them). Each screen size runs in a child JVM of
 * its own, since a JVM works on one display. Prints a Markdown section (and writes it to OUT.md when given).
 *
 * <p>Usage: {@code ComputerSpeedBench [RUNS] [SEQUENCE_RUNS] [OUT.md]} (defaults 15 and 3). Needs Xvfb,
 * scrot, xdotool and ImageMagick's convert.
 */
public final class ComputerSpeedBench {

    private static final List<DisplaySize> SIZES = List.of(new DisplaySize(1280, 800, 24), new DisplaySize(1920, 1080, 24),
            new DisplaySize(2560, 1440, 24));
    private static final DisplaySize SEQUENCE_SIZE = new DisplaySize(1920, 1080, 24);
    private static final String TYPED_100 = "The quick brown fox jumps over the lazy dog; agentstream types one hundred characters here, 0123456.";
    private static final String TYPED_20 = "twenty chars typed!!";

    private ComputerSpeedBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            // AWT's threads would keep a failed child alive: it exits either way.
            int status = 1;
            try {
                child(DisplaySize.parse(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                status = 0;
            } finally {
                System.exit(status);
            }
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int sequenceRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String report = report(runs, sequenceRuns);
        if (args.length > 2) Files.writeString(Path.of(args[2]), report);
        System.out.println(report);
    }

    private static String report(int runs, int sequenceRuns) throws Exception {
        Map<DisplaySize, Map<String, String>> results = new LinkedHashMap<>();
        for (DisplaySize size : SIZES) results.put(size, runChild(size, runs, size.equals(SEQUENCE_SIZE) ? sequenceRuns : 0));
        StringBuilder out = new StringBuilder("## Computer tool against scrot and computer-use-demo (`ComputerSpeedBench`)\n\n");
        out.append(String.format(Locale.ROOT, "- Date: %s%n- Machine: %s%n- Java: %s%n- Reproduce: `ComputerSpeedBench %d %d` "
                        + "(agentstream-bench; needs xvfb, scrot, xdotool, imagemagick)%n%n",
                LocalDate.now(), BenchSupport.machine(), Runtime.version(), runs, sequenceRuns));
        out.append("Each screen is an Xvfb of that size showing text, bars and a noisy gradient, one child JVM per size; medians of ")
                .append(runs).append(" runs.\n\n");
        out.append("| screen | tool: capture ms | tool: whole screenshot call ms | `scrot` process ms | capture / scrot | "
                + "whole call / scrot | unchanged screen: whole call ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (var entry : results.entrySet()) {
            Map<String, String> r = entry.getValue();
            double capture = Double.parseDouble(r.get("captureMs"));
            double whole = Double.parseDouble(r.get("wholeMs"));
            double scrot = Double.parseDouble(r.get("scrotMs"));
            out.append(String.format(Locale.ROOT, "| %s (%s) | %.1f | %.1f | %.1f | %.2fx | %.2fx | %.1f |%n", entry.getKey().resolution(),
                    r.get("method"), capture, whole, scrot, capture / scrot, whole / scrot, Double.parseDouble(r.get("unchangedWholeMs"))));
        }
        out.append("\nCapture: grabbing the screen with the pointer drawn in, plus the hash compared with the last screenshot. Whole call: "
                + "from `execute` to the result, scaled to the model's size and PNG-encoded, base64 included. `scrot` is a whole "
                + "process writing a full-size PNG. Unchanged screen: the same screen again, reported in words (capture and compare only).\n\n");
        Map<String, String> sequence = results.get(SEQUENCE_SIZE);
        double ours = Double.parseDouble(sequence.get("sequenceMs"));
        double demo = Double.parseDouble(sequence.get("demoSequenceMs"));
        out.append("### 10 actions at ").append(SEQUENCE_SIZE.resolution()).append(" (medians of ").append(sequenceRuns).append(" runs)\n\n");
        out.append("screenshot, left_click, type 100 characters, key Return, mouse_move, scroll down 3, double_click, key ctrl+a, "
                + "type 20 characters, screenshot; into a full-screen AWT text area, every screenshot scaled to 1366x768.\n\n");
        out.append("| who | whole sequence s | of which waiting for the screen s | vs computer-use-demo |\n|---|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| agentstream computer tool (adaptive settle: still for 0.3 s, at most 2 s) | %.2f | %.2f | %.2fx |%n",
                ours / 1000, Double.parseDouble(sequence.get("settleMs")) / 1000, ours / demo));
        out.append(String.format(Locale.ROOT, "| computer-use-demo's commands (xdotool, `scrot -p`, `convert -resize`, fixed 2 s delays) | %.2f | %.2f | 1.00x |%n%n",
                demo / 1000, Double.parseDouble(sequence.get("demoDelayMs")) / 1000));
        out.append("Settle outcomes of the tool's actions (summed over the runs): ").append(sequence.get("settledBy")).append(".\n");
        return out.toString();
    }

    private static Map<String, String> runChild(DisplaySize size, int runs, int sequenceRuns) throws IOException, InterruptedException {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"), ComputerSpeedBench.class.getName(),
                "--child", size.toString(), Integer.toString(runs), Integer.toString(sequenceRuns));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("DISPLAY");
        Process child = builder.start();
        Map<String, String> result = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("RESULT ")) continue;
                for (String pair : line.substring(7).split(" ")) {
                    int eq = pair.indexOf('=');
                    result.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        if (child.waitFor() != 0 || result.isEmpty()) throw new IllegalStateException("The " + size + " run failed (exit " + child.exitValue() + ").");
        return result;
    }

    private static void child(DisplaySize size, int runs, int sequenceRuns) throws Exception {
        ComputerConfig config = ComputerConfig.defaults().withDisplaySize(size).withAlwaysStartDisplay(true);
        ComputerTool uncached = new ComputerTool(config.withCacheUnchanged(false));
        ComputerTool cached = new ComputerTool(config);
        String display = uncached.display();
        ScreenshotBench.showDesktop(size);
        List<Map<String, Object>> fresh = new ArrayList<>();
        List<Double> freshWall = new ArrayList<>();
        try (Session session = Session.create()) {
            for (int i = 0; i < 5; i++) call(uncached, session, new ArrayList<>(), "action", "screenshot");
            for (int i = 0; i < runs; i++) fresh.add(call(uncached, session, freshWall, "action", "screenshot"));
        }
        List<Double> unchangedWall = new ArrayList<>();
        try (Session session = Session.create()) {
            call(cached, session, new ArrayList<>(), "action", "screenshot");
            for (int i = 0; i < runs + 5; i++) {
                List<Double> wall = i < 5 ? new ArrayList<>() : unchangedWall;
                if (!Boolean.TRUE.equals(call(cached, session, wall, "action", "screenshot").get("unchanged"))) {
                    throw new IllegalStateException("The screen changed between screenshots; the unchanged figures would be wrong.");
                }
            }
        }
        Path file = Files.createTempFile("computer-speed", ".png");
        List<Double> scrotMs = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            double ms = shell(display, "scrot -o " + file);
            if (i >= 2) scrotMs.add(ms);
        }
        StringBuilder line = new StringBuilder("RESULT");
        line.append(String.format(Locale.ROOT, " method=%s captureMs=%.2f wholeMs=%.2f scrotMs=%.2f unchangedWholeMs=%.2f",
                fresh.getFirst().get("captureMethod"), median(fresh.stream().map(m -> ((Number) m.get("captureMs")).doubleValue()).toList()),
                median(freshWall), median(scrotMs), median(unchangedWall)));
        if (sequenceRuns > 0) {
            showTextArea(size);
            Resolution model = ComputerConfig.defaults().scaling().modelSize(size.resolution());
            List<Double> ours = new ArrayList<>();
            List<Double> settle = new ArrayList<>();
            Map<String, Integer> settledBy = new LinkedHashMap<>();
            List<Double> demo = new ArrayList<>();
            List<Double> demoDelays = new ArrayList<>();
            for (int i = 0; i < sequenceRuns; i++) {
                ComputerTool tool = new ComputerTool(config);
                long start = System.nanoTime();
                double settled = 0;
                try (Session session = Session.create()) {
                    for (Map<String, Object> meta : agentstreamSequence(tool, session)) {
                        if (meta.get("settleMs") != null) {
                            settled += ((Number) meta.get("settleMs")).doubleValue();
                            settledBy.merge(String.valueOf(meta.get("settledBy")), 1, Integer::sum);
                        }
                    }
                }
                ours.add((System.nanoTime() - start) / 1e6);
                settle.add(settled);
                start = System.nanoTime();
                double delays = demoSequence(display, size.resolution(), model, file);
                demo.add((System.nanoTime() - start) / 1e6);
                demoDelays.add(delays);
            }
            line.append(String.format(Locale.ROOT, " sequenceMs=%.1f settleMs=%.1f demoSequenceMs=%.1f demoDelayMs=%.1f settledBy=%s",
                    median(ours), median(settle), median(demo), median(demoDelays),
                    settledBy.toString().replace(" ", "").replace("{", "").replace("}", "").replace(",", ";")));
        }
        Files.deleteIfExists(file);
        System.out.println(line);
    }

    private static List<Map<String, Object>> agentstreamSequence(ComputerTool tool, Session session) {
        List<Double> ignored = new ArrayList<>();
        return List.of(
                call(tool, session, ignored, "action", "screenshot"),
                call(tool, session, ignored, "action", "left_click", "coordinate", List.of(300, 200)),
                call(tool, session, ignored, "action", "type", "text", TYPED_100),
                call(tool, session, ignored, "action", "key", "text", "Return"),
                call(tool, session, ignored, "action", "mouse_move", "coordinate", List.of(700, 400)),
                call(tool, session, ignored, "action", "scroll", "coordinate", List.of(300, 300), "scroll_direction", "down", "scroll_amount", 3),
                call(tool, session, ignored, "action", "double_click", "coordinate", List.of(320, 210)),
                call(tool, session, ignored, "action", "key", "text", "ctrl+a"),
                call(tool, session, ignored, "action", "type", "text", TYPED_20),
                call(tool, session, ignored, "action", "screenshot"));
    }

    /**
     * The same ten actions as computer-use-demo's computer.py (computer_20250124) runs them: each through a
     * shell, a 2 s sleep before the screenshot of every action but type and screenshot, and each screenshot
     * {@code scrot -p}, {@code convert -resize} to the model's size and the file read as base64. Returns the
     * time spent in the fixed delays.
     */
    private static double demoSequence(String display, Resolution screen, Resolution model, Path file) throws Exception {
        double delays = 0;
        demoScreenshot(display, model, file);
        delays += demoAction(display, model, file, "xdotool mousemove --sync " + x(300, screen, model) + " " + y(200, screen, model) + " click 1");
        for (int i = 0; i < TYPED_100.length(); i += 50) {
            shell(display, "xdotool type --delay 12 -- '" + TYPED_100.substring(i, Math.min(TYPED_100.length(), i + 50)) + "'");
        }
        demoScreenshot(display, model, file);
        delays += demoAction(display, model, file, "xdotool key -- Return");
        delays += demoAction(display, model, file, "xdotool mousemove --sync " + x(700, screen, model) + " " + y(400, screen, model));
        delays += demoAction(display, model, file, "xdotool mousemove --sync " + x(300, screen, model) + " " + y(300, screen, model) + " click --repeat 3 5");
        delays += demoAction(display, model, file, "xdotool mousemove --sync " + x(320, screen, model) + " " + y(210, screen, model)
                + " click --repeat 2 --delay 10 1");
        delays += demoAction(display, model, file, "xdotool key -- ctrl+a");
        shell(display, "xdotool type --delay 12 -- '" + TYPED_20 + "'");
        demoScreenshot(display, model, file);
        demoScreenshot(display, model, file);
        return delays;
    }

    private static double demoAction(String display, Resolution model, Path file, String command) throws Exception {
        shell(display, command);
        long start = System.nanoTime();
        Thread.sleep(2000);
        double slept = (System.nanoTime() - start) / 1e6;
        demoScreenshot(display, model, file);
        return slept;
    }

    private static void demoScreenshot(String display, Resolution model, Path file) throws Exception {
        Files.deleteIfExists(file);
        shell(display, "scrot -p " + file);
        shell(display, "convert " + file + " -resize " + model.width() + "x" + model.height() + "! " + file);
        if (Base64.getEncoder().encodeToString(Files.readAllBytes(file)).isEmpty()) throw new IllegalStateException("empty screenshot");
    }

    /** computer-use-demo scales model coordinates up with round(x / factor). */
    private static long x(int modelX, Resolution screen, Resolution model) {
        return Math.round(modelX / ((double) model.width() / screen.width()));
    }

    private static long y(int modelY, Resolution screen, Resolution model) {
        return Math.round(modelY / ((double) model.height() / screen.height()));
    }

    private static double shell(String display, String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", display);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("'" + command + "' failed on " + display + " (are scrot, xdotool and imagemagick installed?).");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static Map<String, Object> call(ComputerTool tool, Session session, List<Double> wallMs, Object... keysAndValues) {
        ObjectNode input = EventJson.mapper().createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) input.set((String) keysAndValues[i], EventJson.mapper().valueToTree(keysAndValues[i + 1]));
        long start = System.nanoTime();
        try (ToolStream stream = tool.execute(new ToolCall("b" + System.nanoTime(), "computer", input), ToolContext.of(session))) {
            ToolResult result = ToolRegistry.resultOf(stream.awaitTerminal());
            wallMs.add((System.nanoTime() - start) / 1e6);
            if (result.isError()) throw new IllegalStateException(input + " failed: " + result.text());
            return result.metadata();
        }
    }

    /** A full-screen text area, the target of the sequence's clicks and typing. */
    private static void showTextArea(DisplaySize size) throws Exception {
        EventQueue.invokeAndWait(() -> {
            Frame frame = new Frame("sequence");
            TextArea text = new TextArea("A text area for the 10-action sequence.\n".repeat(30));
            text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
            frame.add(text);
            frame.setUndecorated(true);
            frame.setBounds(0, 0, size.width(), size.height());
            frame.setVisible(true);
        });
        Thread.sleep(1500);
    }

    private static double median(List<Double> values) {
        return BenchSupport.median(values, Double::doubleValue);
    }
}
