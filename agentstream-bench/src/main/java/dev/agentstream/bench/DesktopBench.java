package dev.agentstream.bench;

import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.DisplaySize;
import dev.agentstream.tools.computer.live.DesktopFrames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live desktop of {@code serve} at 1280x800: frames a second that reach a subscriber and the CPU the
 * watching process spends on them (its CPU time over wall time, 1.0 = one core busy), for a still screen,
 * a small changing area and a whole screen that changes all the time. The screen is drawn by a separate
 * process ({@link DesktopAnimation}), so only capturing, comparing and encoding are counted. Each run
 * subscribes, lets one second pass (the keyframe, warm-up), measures for SECONDS and unsubscribes (which
 * stops capturing). Figures are medians of RUNS.
 *
 * <p>Usage: {@code DesktopBench RUNS SECONDS [OUT.md]}.
 */
public final class DesktopBench {

    private static final DisplaySize SIZE = new DisplaySize(1280, 800, 24);

    record Run(double framesPerSecond, double cpuCores, double kibPerFrame, double tilesPerFrame) {}

    private DesktopBench() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        DisplayAccess display = DisplayAccess.acquire(ComputerConfig.defaults().withDisplaySize(SIZE).withAlwaysStartDisplay(true));
        StringBuilder rows = new StringBuilder();
        try (DesktopFrames frames = new DesktopFrames(display)) {
            for (String mode : List.of("still", "small", "full")) {
                Process animation = animate(display, mode);
                try {
                    List<Run> results = new ArrayList<>();
                    for (int i = 0; i < runs; i++) results.add(measure(frames, seconds));
                    rows.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f | %.1f |%n", describe(mode),
                            BenchSupport.median(results, Run::framesPerSecond), BenchSupport.median(results, Run::cpuCores),
                            BenchSupport.median(results, Run::kibPerFrame), BenchSupport.median(results, Run::tilesPerFrame)));
                } finally {
                    animation.destroy();
                    animation.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        String report = "## Live desktop (serve)\n\n"
                + String.format(Locale.ROOT, "%s, Java %s, %s; Xvfb %s; capture interval %d ms (at most %d frames a second); "
                        + "median of %d runs of %.0f s each.%n%n", LocalDate.now(), Runtime.version(), BenchSupport.machine(), SIZE,
                DesktopFrames.DEFAULT_INTERVAL.toMillis(), 1000 / DesktopFrames.DEFAULT_INTERVAL.toMillis(), runs, seconds)
                + "| screen | frames/s | CPU (cores) | KiB/frame | tiles/frame |\n|---|---:|---:|---:|---:|\n" + rows
                + "\nCPU: the watching JVM's CPU time over wall time while one subscriber takes every frame (1.00 = one core); "
                + "the screen is drawn by another process. A frame carries only the changed 64x64 tiles, joined into rectangles, "
                + "as PNG. Reproduce: `agentstream-bench/run desktop` (RUNS, default 5).\n";
        if (args.length > 2) Files.writeString(Path.of(args[2]), report);
        System.out.println(report);
        System.exit(0); // AWT's threads would keep the JVM alive; the Xvfb stops once it has exited
    }

    private static String describe(String mode) {
        return switch (mode) {
            case "still" -> "still (a page of text)";
            case "small" -> "a 300x40 counter changing 20 times a second";
            default -> "whole screen scrolling text 20 times a second";
        };
    }

    private static Run measure(DesktopFrames frames, double seconds) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong tiles = new AtomicLong();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (DesktopFrames.Subscription subscription = frames.subscribe(frame -> {
            count.incrementAndGet();
            bytes.addAndGet(frame.bytes());
            tiles.addAndGet(frame.tiles().size());
        })) {
            Thread.sleep(1000);
            count.set(0);
            bytes.set(0);
            tiles.set(0);
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            Thread.sleep(Math.round(seconds * 1000));
            long wall = System.nanoTime() - start;
            long used = os.getProcessCpuTime() - cpu;
            long n = count.get();
            return new Run(n / (wall / 1e9), (double) used / wall, n == 0 ? 0 : bytes.get() / 1024.0 / n, n == 0 ? 0 : (double) tiles.get() / n);
        }
    }

    private static Process animate(DisplayAccess display, String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), DesktopAnimation.class.getName(),
                mode, Integer.toString(SIZE.width()), Integer.toString(SIZE.height())).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("DISPLAY", display.name());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) throw new IllegalStateException("The animation did not start: " + line);
        return process;
    }
}
