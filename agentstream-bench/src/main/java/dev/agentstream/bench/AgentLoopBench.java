package dev.agentstream.bench;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.MessageCreateParams;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentLoop;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.model.AnthropicModelClient;
import dev.agentstream.agent.model.TurnAssembler;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.Reply;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.cli.JsonAgentPrinter;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.tools.bash.BashTool;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The agent loop's own cost, against a fake Anthropic API on loopback (the real API is never reached):
 * how much time the loop adds per streamed event on top of the SDK's HTTP and SSE parsing, and how long a
 * line a tool prints takes to reach the printed event (NDJSON, as {@code run --json} prints it), compared
 * with a call run directly through the registry. Prints a Markdown section.
 *
 * <p>Usage: {@code AgentLoopBench [EVENTS] [RUNS] [OUT.md]} (defaults 20000 events, 5 runs).
 */
public final class AgentLoopBench {

    /** The catalogue's default model, so the bench sends what a run without --model sends. */
    private static final String MODEL = AgentSettings.DEFAULT_MODEL;
    private static final int TIMESTAMP_LINES = 60;
    private static final String TIMESTAMP_COMMAND = "for i in $(seq " + TIMESTAMP_LINES + "); do date +%s%N; sleep 0.02; done";

    private final int events;
    private final int runs;
    private final Path home;
    private final FakeAnthropicServer api = FakeAnthropicServer.start();
    private final AgentSettings settings;

    private AgentLoopBench(int events, int runs) throws Exception {
        this.events = events;
        this.runs = runs;
        this.home = Files.createTempDirectory("agentloop-bench");
        this.settings = AgentSettings.builder().apiKey("bench").baseUrl(api.baseUrl()).model(MODEL)
                .home(new AgentHome(home)).retry(new AgentSettings.RetrySettings(0, Duration.ofMillis(1), Duration.ofMillis(1))).build();
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        AgentLoopBench bench = new AgentLoopBench(events, runs);
        String report;
        try {
            report = bench.report();
        } finally {
            bench.api.close();
        }
        if (args.length > 2) Files.writeString(Path.of(args[2]), report);
        System.out.println(report);
    }

    private String report() throws Exception {
        SseScript manyDeltas = manyDeltas(events);
        api.whenEmpty(request -> Reply.stream(manyDeltas));
        int streamed = events + 5;

        List<Double> sdkMs = new ArrayList<>();
        List<Double> loopMs = new ArrayList<>();
        List<Double> jsonMs = new ArrayList<>();
        List<Double> assemblerNs = new ArrayList<>();
        List<BetaRawMessageStreamEvent> parsed = new ArrayList<>(events + 8);
        sdkAlone(parsed::add);
        for (int i = 0; i <= runs; i++) {
            boolean warmUp = i == 0;
            record(warmUp, sdkMs, timeMs(() -> sdkAlone(event -> {})));
            record(warmUp, loopMs, timeMs(() -> loopRun(AgentListener.none())));
            record(warmUp, jsonMs, timeMs(() -> loopRun(new JsonAgentPrinter(nullStream()))));
            record(warmUp, assemblerNs, assemblerNsPerEvent(parsed));
        }
        double sdkUs = median(sdkMs) * 1000 / streamed;
        double loopUs = median(loopMs) * 1000 / streamed;
        double jsonUs = median(jsonMs) * 1000 / streamed;

        api.whenEmpty(request -> Reply.stream(SseScript.reply().text("done").end("end_turn")));
        List<Double> direct = new ArrayList<>();
        List<Double> throughLoop = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            List<Double> d = directDelays();
            List<Double> l = loopDelays();
            if (i > 0) {
                direct.addAll(d);
                throughLoop.addAll(l);
            }
        }

        StringBuilder md = new StringBuilder();
        md.append("## Agent loop (`AgentLoopBench`)\n\n")
                .append("The loop against a fake Anthropic API on loopback (same JVM, real HTTP and SSE through the official SDK). ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(Runtime.version())
                .append("; medians of ").append(runs).append(" runs after a warm-up run.\n\n")
                .append("### Cost per streamed event (one reply of ").append(String.format(Locale.ROOT, "%,d", streamed)).append(" events, text deltas)\n\n")
                .append("| path | µs per event |\n|---|---:|\n")
                .append(String.format(Locale.ROOT, "| SDK alone: HTTP + SSE + event parsing, nothing done with the events | %.2f |%n", sdkUs))
                .append(String.format(Locale.ROOT, "| agent loop, events to a no-op listener (assembly, transcript, request building) | %.2f |%n", loopUs))
                .append(String.format(Locale.ROOT, "| agent loop, events printed as NDJSON (`run --json`) | %.2f |%n", jsonUs))
                .append(String.format(Locale.ROOT, "| difference, loop minus SDK alone (within run-to-run noise when near 0) | %+.2f |%n", loopUs - sdkUs))
                .append(String.format(Locale.ROOT, "| turn assembly alone, on pre-parsed events (no I/O) | %.3f |%n", median(assemblerNs) / 1000))
                .append("\n### Tool output to printed event\n\n")
                .append("`").append(TIMESTAMP_COMMAND).append("` run by the `bash` tool; each line is its print time, compared with ")
                .append("the time its event reached the listener (both the system clock). ").append(direct.size()).append(" lines per path.\n\n")
                .append("| path | median ms | p95 ms | max ms |\n|---|---:|---:|---:|\n")
                .append(delayRow("registry.run, no loop (baseline)", direct))
                .append(delayRow("agent loop, printed as NDJSON", throughLoop));
        return md.toString();
    }

    private static SseScript manyDeltas(int count) {
        String[] pieces = new String[count];
        for (int i = 0; i < count; i++) pieces[i] = "tok" + (i % 10) + " ";
        return SseScript.reply().text(pieces).end("end_turn");
    }

    /** The same reply read with the SDK and nothing else: the baseline the loop's cost is measured against. */
    private void sdkAlone(Consumer<BetaRawMessageStreamEvent> sink) {
        MessageCreateParams params = MessageCreateParams.builder().model(MODEL).maxTokens(1024).addUserMessage("stream").build();
        try (AnthropicModelClient client = AnthropicModelClient.create(settings);
             StreamResponse<BetaRawMessageStreamEvent> stream = client.stream(params)) {
            for (BetaRawMessageStreamEvent event : stream) {
                sink.accept(event);
                // The loop stops reading here too, without waiting for the body to end.
                if (event.isMessageStop()) break;
            }
        }
    }

    private void loopRun(AgentListener listener) {
        ToolRegistry registry = new ToolRegistry().register(new BashTool());
        try (AgentLoop loop = new AgentLoop(settings, registry, AnthropicModelClient.create(settings),
                new TranscriptStore(home.resolve("sessions")).create(MODEL), listener, runtime())) {
            AgentOutcome outcome = loop.run("stream");
            if (outcome.reason() != AgentOutcome.Reason.FINISHED) throw new IllegalStateException("the bench run failed: " + outcome.detail());
        }
    }

    private static double assemblerNsPerEvent(List<BetaRawMessageStreamEvent> parsed) {
        int rounds = 20;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            TurnAssembler assembler = new TurnAssembler(1, AgentListener.none(), use -> {});
            for (BetaRawMessageStreamEvent event : parsed) assembler.accept(event);
            if (!assembler.complete()) throw new IllegalStateException("the reply did not complete");
        }
        return (System.nanoTime() - start) / (double) (rounds * parsed.size());
    }

    /** The timestamp command through the registry alone, as {@code agentstream tool bash} runs it. */
    private List<Double> directDelays() throws Exception {
        List<Double> delays = Collections.synchronizedList(new ArrayList<>());
        ToolRegistry registry = new ToolRegistry().register(new BashTool());
        try (Session session = Session.create()) {
            JsonAgentPrinter printer = new JsonAgentPrinter(nullStream());
            ToolCall call = new ToolCall("c1", "bash", EventJson.mapper().createObjectNode().put("command", TIMESTAMP_COMMAND));
            registry.run(call, new ToolContext(session, runtime()), event -> {
                printer.accept(new AgentEvent.Tool("bash", event));
                BenchSupport.recordTimestampDelays(event, delays);
            });
        }
        return delays;
    }

    /** The same command asked for by the (fake) model and run by the loop, events printed as NDJSON. */
    private List<Double> loopDelays() {
        List<Double> delays = Collections.synchronizedList(new ArrayList<>());
        String input = EventJson.mapper().createObjectNode().put("command", TIMESTAMP_COMMAND).toString();
        api.reply(SseScript.reply().toolUse("toolu_bench", "bash", input).end("tool_use"));
        JsonAgentPrinter printer = new JsonAgentPrinter(nullStream());
        loopRun(event -> {
            printer.accept(event);
            if (event instanceof AgentEvent.Tool tool) BenchSupport.recordTimestampDelays(tool.event(), delays);
        });
        return delays;
    }

    private RuntimeConfig runtime() {
        return RuntimeConfig.defaults().withSpoolDir(home.resolve("spool"));
    }

    private static PrintStream nullStream() {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }

    private static double timeMs(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void record(boolean warmUp, List<Double> into, double value) {
        if (!warmUp) into.add(value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String delayRow(String path, List<Double> delays) {
        List<Double> sorted = new ArrayList<>(delays);
        Collections.sort(sorted);
        double p95 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", path, median(sorted), p95, sorted.get(sorted.size() - 1));
    }
}
