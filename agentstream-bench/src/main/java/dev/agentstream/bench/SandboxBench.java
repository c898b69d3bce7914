package dev.agentstream.bench;

import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import dev.agentstream.tools.bash.sandbox.Bubblewrap;
import dev.agentstream.tools.bash.sandbox.SandboxConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The bubblewrap sandbox's cost, in one JVM through the registry (no JVM start-up in the figures): the
 * first call of a session (which starts the shell), a warm call, streaming latency and throughput, with
 * {@code --sandbox off} and {@code workspace-write} alternating run by run.
 *
 * <p>Usage: SandboxBench RUNS OUT.md
 */
public final class SandboxBench {

    private static final String TIMESTAMP_COMMAND = "for i in $(seq 60); do date +%s%N; sleep 0.02; done";
    private static final String THROUGHPUT_COMMAND = "seq 1 3000000";
    private static final int WARM_CALLS = 30;

    record Figures(double firstCallMs, double warmCallMs, double latencyMs, double mbPerSecond, double mb) {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Path workspace = Files.createTempDirectory("agentstream-sandbox-bench-");
        List<Double> probes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            if (!Bubblewrap.probe(System.getenv("PATH")).available()) throw new IllegalStateException("bwrap does not work here");
            probes.add((System.nanoTime() - t) / 1e6);
        }
        List<Figures> off = new ArrayList<>();
        List<Figures> sandboxed = new ArrayList<>();
        measure(workspace, SandboxConfig.off());
        measure(workspace, SandboxConfig.workspaceWrite(List.of(workspace)));
        for (int i = 0; i < runs; i++) {
            off.add(measure(workspace, SandboxConfig.off()));
            sandboxed.add(measure(workspace, SandboxConfig.workspaceWrite(List.of(workspace))));
        }
        String report = report(runs, off, sandboxed, BenchSupport.median(probes, d -> d));
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);
    }

    private static Figures measure(Path workspace, SandboxConfig sandbox) throws Exception {
        ToolRegistry registry = new ToolRegistry().register(new BashTool(BashConfig.defaults().withWorkingDirectory(workspace).withSandbox(sandbox)));
        try (Session session = Session.create()) {
            ToolContext context = new ToolContext(session, RuntimeConfig.defaults());
            long start = System.nanoTime();
            call(registry, context, "true", e -> {});
            double first = (System.nanoTime() - start) / 1e6;
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < WARM_CALLS; i++) {
                long t = System.nanoTime();
                call(registry, context, "true", e -> {});
                warm.add((System.nanoTime() - t) / 1e6);
            }
            List<Double> delays = Collections.synchronizedList(new ArrayList<>());
            call(registry, context, TIMESTAMP_COMMAND, e -> BenchSupport.recordTimestampDelays(e, delays));
            AtomicLong bytes = new AtomicLong();
            long t = System.nanoTime();
            call(registry, context, THROUGHPUT_COMMAND, e -> {
                if (e instanceof ToolEvent.Output o) bytes.addAndGet(o.text().length());
            });
            double seconds = (System.nanoTime() - t) / 1e9;
            double mb = bytes.get() / 1e6;
            return new Figures(first, BenchSupport.median(warm, d -> d), BenchSupport.median(delays, d -> d), mb / seconds, mb);
        }
    }

    private static void call(ToolRegistry registry, ToolContext context, String command, Consumer<ToolEvent> events) {
        ToolCall call = new ToolCall("c", "bash", EventJson.mapper().createObjectNode().put("command", command));
        ToolEvent terminal = registry.run(call, context, events);
        ToolResult result = ToolRegistry.resultOf(terminal);
        if (result.isError() || !Integer.valueOf(0).equals(result.metadata().get("exitCode"))) {
            throw new IllegalStateException("the bench command failed: " + result.text());
        }
    }

    private static String report(int runs, List<Figures> off, List<Figures> sandboxed, double probeMs) throws IOException, InterruptedException {
        StringBuilder s = new StringBuilder();
        s.append("# The bash sandbox's cost\n\n");
        s.append("In one JVM through the tool registry (no JVM start-up in these figures), a fresh session per run, `--sandbox off` and ")
                .append("`workspace-write` (bubblewrap) alternating. Every figure is the median over ").append(runs)
                .append(" runs (after one warm-up run of each) of each run's own median where a run has several samples.\n\n");
        s.append("- Date: ").append(LocalDate.now()).append('\n');
        s.append("- Machine: ").append(BenchSupport.machine()).append('\n');
        s.append("- Java: ").append(BenchSupport.firstLine(ProcessHandle.current().info().command().orElse("java"), "-version")).append('\n');
        s.append("- bubblewrap: ").append(BenchSupport.firstLine("bwrap", "--version")).append('\n');
        s.append("- Reproduce: `agentstream-bench/run sandbox`\n\n");
        s.append("| | off | workspace-write | cost of the sandbox |\n|---|---:|---:|---:|\n");
        s.append("| once per JVM: the check that bwrap works (a throw-away sandbox running `true`), ms | - | ")
                .append(String.format(Locale.ROOT, "%.1f", probeMs)).append(" | ").append(String.format(Locale.ROOT, "%+.1f", probeMs)).append(" |\n");
        row(s, "first call of a session, `true` (starts the shell), ms", off, sandboxed, Figures::firstCallMs, "%.1f");
        row(s, "warm call, `true` (median of " + WARM_CALLS + " per run), ms", off, sandboxed, Figures::warmCallMs, "%.2f");
        row(s, "streaming latency, printed to event (`date +%s%N` 60 times), ms", off, sandboxed, Figures::latencyMs, "%.2f");
        row(s, "throughput, `" + THROUGHPUT_COMMAND + "` (" + String.format(Locale.ROOT, "%.1f", BenchSupport.median(off, Figures::mb))
                + " MB), MB/s", off, sandboxed, Figures::mbPerSecond, "%.1f");
        s.append("\nThe first call's extra time is bubblewrap setting up its namespaces and mounts (and the hidden paths) before bash starts; ")
                .append("after that the shell runs as it would outside, so warm calls, latency and throughput differ by noise only ")
                .append("(the output still flows through the same pseudo-terminal).\n");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, List<Figures> off, List<Figures> sandboxed,
                            java.util.function.ToDoubleFunction<Figures> metric, String format) {
        double a = BenchSupport.median(off, metric);
        double b = BenchSupport.median(sandboxed, metric);
        s.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, format, a)).append(" | ")
                .append(String.format(Locale.ROOT, format, b)).append(" | ")
                .append(String.format(Locale.ROOT, "%+" + format.substring(1), b - a)).append(" |\n");
    }

}
