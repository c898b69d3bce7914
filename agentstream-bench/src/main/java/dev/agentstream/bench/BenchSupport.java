package dev.agentstream.bench;

import dev.agentstream.core.ToolEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/** What the whole-process benchmarks share: medians, peak memory of a child, and the machine's description. */
final class BenchSupport {

    private BenchSupport() {}

    static <T> double median(List<T> runs, ToDoubleFunction<T> metric) {
        double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /**
     * Writes every file's dirty pages to disk ({@code sync}), so a run starts with no write-back of an earlier
     * run's files (a generated corpus, a spool) going on beside it.
     */
    static void sync() throws IOException, InterruptedException {
        if (new ProcessBuilder("sync").inheritIO().start().waitFor() != 0) throw new IOException("sync failed");
    }

    /** Makes a named pipe at {@code path} with {@code mkfifo} (coreutils). */
    static void makeFifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        String said = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (mkfifo.waitFor() != 0) throw new IOException("mkfifo " + path + " failed: " + said);
    }

    /** VmHWM is the kernel's own high-water mark of resident memory; read it until the process is gone. */
    static void sampleRss(Process process, AtomicLong peakKiB) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKiB.accumulateAndGet(Long.parseLong(line.replaceAll("\\D+", "")), Math::max);
                    }
                }
                Thread.sleep(20);
            } catch (IOException | RuntimeException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A process's peak resident memory so far (VmHWM), in MiB; NaN once it is gone. */
    static double peakRssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone
        }
        return Double.NaN;
    }

    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).orElse(0L);
        return String.format(Locale.ROOT, "%d cores (%s), %.0f GiB RAM, %s %s", Runtime.getRuntime().availableProcessors(), cpu,
                memKiB / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.version"));
    }

    /** The first line a command prints (stdout and stderr together), e.g. {@code java -version}. */
    static String firstLine(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first;
        try (InputStream in = p.getInputStream()) {
            first = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
        }
        p.waitFor();
        return first;
    }

    /**
     * The JVM options the launcher gives one-shot {@code agentstream tool} runs (its scripts/one-shot-jvm-options,
     * found from the jar's place in the checkout), so a benchmark runs the JVM as a user's {@code agentstream tool} does.
     */
    static List<String> oneShotJvmOptions(String jar) {
        return launcherOptionsFile(jar, "one-shot-jvm-options");
    }

    /**
     * The JVM options the launcher gives {@code agentstream mcp}: its collector and its scripts/mcp-jvm-options, so a
     * benchmark runs the server's JVM as a user's {@code agentstream mcp} does.
     */
    static List<String> mcpJvmOptions(String jar) {
        List<String> options = new java.util.ArrayList<>(List.of("-XX:+UseSerialGC"));
        options.addAll(launcherOptionsFile(jar, "mcp-jvm-options"));
        return options;
    }

    private static List<String> launcherOptionsFile(String jar, String name) {
        Path options = Path.of(jar).toAbsolutePath().getParent().getParent().getParent().resolve("scripts").resolve(name);
        if (!Files.isRegularFile(options)) throw new IllegalStateException("no " + options + ": give the jar of an agentstream checkout");
        return List.of("@" + options);
    }

    /** Waits (up to five minutes) until the launcher's AOT cache {@code cache} is newer than {@code jar}: trained for it. */
    static void awaitNewerThan(Path cache, Path jar) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (!(Files.exists(cache) && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0)) {
            if (System.nanoTime() > deadline) {
                System.err.println("the launcher made no AOT cache within 5 minutes (see " + cache + ".log); measuring without it");
                return;
            }
            Thread.sleep(200);
        }
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** For each line of {@code event} that is a {@code date +%s%N} timestamp: how many ms ago it was printed. */
    static void recordTimestampDelays(ToolEvent event, List<Double> delays) {
        if (!(event instanceof ToolEvent.Output output)) return;
        Instant now = Instant.now();
        double nowNs = now.getEpochSecond() * 1e9 + now.getNano();
        for (String line : output.text().split("\n")) {
            String digits = line.strip();
            if (digits.matches("\\d{19}")) delays.add((nowNs - Long.parseLong(digits)) / 1e6);
        }
    }
}
