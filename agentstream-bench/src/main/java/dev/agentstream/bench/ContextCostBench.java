package dev.agentstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentHome;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentLoop;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.model.AnthropicModelClient;
import dev.agentstream.agent.model.ComputerToolset;
import dev.agentstream.agent.model.ModelCatalog;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.RecordedRequest;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolSpec;
import dev.agentstream.core.ToolStream;
import dev.agentstream.core.ToolStreams;
import dev.agentstream.tools.bash.BashTool;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * What a session costs in input tokens with agentstream's context policy, next to computer-use-demo's on
 * the same turns. Two sessions are replayed through the real loop against a fake API on loopback: 13 turns
 * with a new screenshot each, and 3 bash calls that each print 5 MB. Every request the loop sent is taken
 * as recorded; computer-use-demo's requests are rebuilt from the same conversation the way its loop.py
 * builds them with prompt caching on: every image kept, breakpoints on the system prompt and the last 3
 * user turns, bash output untruncated.
 *
 * <p>Cache accounting, the same for both: a request reads from the cache the longest prefix of its blocks
 * that an earlier request marked with a breakpoint (identical up to there), writes the rest up to its own
 * last breakpoint, and pays full price for what follows. Tokens are estimated: text at 4 characters a token,
 * an image at width x height / 750 after padding both sides to a multiple of 28 pixels (Anthropic's vision page). Weighted cost = 0.1 x cache read + 1.25 x
 * cache write + uncached input, in tokens. Deterministic: one run says it all.
 *
 * <p>Usage: {@code ContextCostBench [OUT.md]}.
 */
public final class ContextCostBench {

    /** A model whose history agentstream may edit (its thinking is not bound to it), to show the pruning policy. */
    private static final String EDITABLE_MODEL = "claude-sonnet-4-6";
    private static final int SCREEN_W = 1024;
    private static final int SCREEN_H = 768;
    private static final int SCREENSHOT_TURNS = 13;
    private static final int BASH_CALLS = 3;
    private static final long BASH_BYTES = 5L * 1024 * 1024;
    private static final String BASH_COMMAND = "yes 'agentstream bench: one line of build output, repeated to make a long log file' | head -c " + BASH_BYTES;

    /** One content unit of a request as the cache sees it: its identity, estimated tokens, whether it carries a breakpoint. */
    record Unit(String key, long tokens, boolean breakpoint) {}

    /** The figures of one request. */
    record Cost(long bytes, long tokens, long read, long write, long uncached) {
        double weighted() {
            return 0.1 * read + 1.25 * write + uncached;
        }
    }

    /** A cache shared by a policy's requests: the prefixes that were marked with a breakpoint. */
    static final class Cache {
        private final Set<String> prefixes = new HashSet<>();

        Cost charge(List<Unit> units, long bytes) {
            long total = 0;
            long read = 0;
            long lastBreakpoint = 0;
            StringBuilder prefix = new StringBuilder();
            List<String> marked = new ArrayList<>();
            for (Unit unit : units) {
                total += unit.tokens();
                prefix.append(unit.key()).append('\u0001');
                String key = Integer.toHexString(prefix.toString().hashCode()) + ":" + prefix.length();
                if (prefixes.contains(key)) read = total;
                if (unit.breakpoint()) {
                    lastBreakpoint = total;
                    marked.add(key);
                }
            }
            prefixes.addAll(marked);
            long write = Math.max(0, lastBreakpoint - read);
            return new Cost(bytes, total, Math.min(read, lastBreakpoint), write, total - Math.max(read, lastBreakpoint));
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = args.length > 0 ? new PrintStream(Files.newOutputStream(Path.of(args[0])), true, StandardCharsets.UTF_8) : System.out;
        Path home = Files.createTempDirectory("agentstream-context-bench");
        try (FakeAnthropicServer api = FakeAnthropicServer.start()) {
            out.println("## Context cost per session (`ContextCostBench`)");
            out.println();
            out.println("Sessions replayed through the loop against a fake API on loopback; computer-use-demo's requests rebuilt from the same "
                    + "conversation as its loop.py builds them with prompt caching on (all images kept, breakpoints on the system prompt and "
                    + "the last 3 user turns, bash output untruncated). Cache accounting for both: the cached prefix is what is identical to an "
                    + "earlier request up to one of its breakpoints. Tokens estimated (text 4 chars/token, an image width x height / 750 once "
                    + "padded on the right and bottom to a multiple of 28 px, as Anthropic's vision page gives it (1024x768 counts as 1036x784: "
                    + "1,082 tokens), the computer use toolset entry at the about 4,500 tokens Anthropic's computer use page gives for it); "
                    + "weighted = 0.1 x cache read + 1.25 x cache write + uncached input. " + BenchSupport.machine() + "; deterministic, one run.");
            out.println();
            session(out, "13 turns, a new 1024x768 screenshot each (" + AgentSettings.DEFAULT_MODEL + ", the default)",
                    screenshotSession(api, home.resolve("shots"), AgentSettings.DEFAULT_MODEL, AgentSettings.DEFAULT_SCREENSHOT_BATCH));
            for (int batch : new int[] {AgentSettings.DEFAULT_SCREENSHOT_BATCH, 1}) {
                Replay edited = screenshotSession(api, home.resolve("shots-" + EDITABLE_MODEL + "-" + batch), EDITABLE_MODEL, batch);
                Cost ours = sum(costs(edited, new Cache(), false));
                Cost demo = sum(costs(edited, new Cache(), true));
                out.printf(Locale.ROOT, "The same session on %s, whose history agentstream may edit, old screenshots removed %s: "
                                + "weighted %,.0f against computer-use-demo's %,.0f (%.2fx), %,d bytes.%n%n", EDITABLE_MODEL,
                        batch == 1 ? "one a turn (`screenshot_batch` 1, the policy before batches)" : batch + " at a time (the default)",
                        ours.weighted(), demo.weighted(), ours.weighted() / demo.weighted(), ours.bytes());
            }
            session(out, "3 bash calls printing 5 MB each (`" + BASH_COMMAND + "`)", bashSession(api, home.resolve("bash")));
            out.println("- Reproduce: `agentstream-bench/run context`");
        }
    }

    /** A replayed session: the requests the loop sent, and the conversation with nothing pruned (its transcript). */
    record Replay(List<JsonNode> requests, List<ObjectNode> fullConversation, Map<String, String> fullToolOutput) {}

    private static Replay screenshotSession(FakeAnthropicServer api, Path home, String model, int batch) throws Exception {
        boolean toolset = ModelCatalog.builtIn().lookup(model).profile().computerTool().equals(ComputerToolset.TYPE);
        for (int i = 1; i < SCREENSHOT_TURNS; i++) {
            SseScript reply = SseScript.reply().text("Step " + i + ": taking a screenshot to see the result.");
            // A model given the computer_toolset_20260801 toolset calls its screenshot member; others the computer tool.
            reply = toolset ? reply.toolsetUse("computer", "toolu_shot_" + i, "screenshot", "{}")
                    : reply.toolUse("toolu_shot_" + i, "computer", "{\"action\": \"screenshot\"}");
            api.reply(reply.end("tool_use"));
        }
        api.reply(SseScript.reply().text("The task is done.").end("end_turn"));
        ToolRegistry registry = new ToolRegistry().register(new Screens());
        return replay(api, home, registry, "Open the settings and turn on dark mode.", Map.of(), model, batch);
    }

    private static Replay bashSession(FakeAnthropicServer api, Path home) throws Exception {
        for (int i = 1; i <= BASH_CALLS; i++) {
            api.reply(SseScript.reply().text("Running the build, part " + i + ".")
                    .toolUse("toolu_bash_" + i, "bash", EventJson.mapper().createObjectNode().put("command", BASH_COMMAND).toString()).end("tool_use"));
        }
        api.reply(SseScript.reply().text("The build log is long but fine.").end("end_turn"));
        // computer-use-demo sends what bash printed, all of it.
        Process shell = new ProcessBuilder("bash", "-c", BASH_COMMAND).redirectErrorStream(true).start();
        String full = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        shell.waitFor();
        Map<String, String> fullOutput = new java.util.HashMap<>();
        for (int i = 1; i <= BASH_CALLS; i++) fullOutput.put("toolu_bash_" + i, full);
        return replay(api, home, new ToolRegistry().register(new BashTool()), "Build the project and check the log.", fullOutput, AgentSettings.DEFAULT_MODEL,
                AgentSettings.DEFAULT_SCREENSHOT_BATCH);
    }

    private static Replay replay(FakeAnthropicServer api, Path home, ToolRegistry registry, String task, Map<String, String> fullOutput, String model,
                                 int batch) throws Exception {
        int before = api.requests().size();
        AgentSettings settings = AgentSettings.builder().apiKey("bench-key").baseUrl(api.baseUrl()).model(model).home(new AgentHome(home))
                .display(SCREEN_W, SCREEN_H).screenshotBatch(batch).retry(new AgentSettings.RetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10))).build();
        TranscriptStore store = new TranscriptStore(home.resolve("sessions"));
        Transcript transcript = store.create(settings.model());
        String id;
        try (AgentLoop loop = new AgentLoop(settings, registry, AnthropicModelClient.create(settings), transcript, AgentListener.none(),
                RuntimeConfig.defaults().withSpoolDir(home.resolve("spool")))) {
            AgentOutcome outcome = loop.run(task);
            if (outcome.reason() != AgentOutcome.Reason.FINISHED) throw new IllegalStateException("the replay failed: " + outcome.detail());
            id = loop.sessionId();
        }
        List<JsonNode> requests = api.requests().subList(before, api.requests().size()).stream().map(RecordedRequest::body).toList();
        try (Transcript saved = store.resume(id, settings.model())) {
            return new Replay(requests, saved.savedMessages(), fullOutput);
        }
    }

    /** Each request's figures, as agentstream sent it or as computer-use-demo would have. */
    private static List<Cost> costs(Replay replay, Cache cache, boolean asDemo) {
        List<Cost> costs = new ArrayList<>();
        for (JsonNode request : replay.requests()) {
            JsonNode sent = asDemo ? demoRequest(request, replay) : request;
            costs.add(cache.charge(units(sent), sent.toString().getBytes(StandardCharsets.UTF_8).length));
        }
        return costs;
    }

    private static void session(PrintStream out, String title, Replay replay) {
        List<Cost> ourCosts = costs(replay, new Cache(), false);
        List<Cost> demoCosts = costs(replay, new Cache(), true);
        out.println("### " + title);
        out.println();
        out.println("| request | agentstream bytes | tokens | cache read | cache write | weighted | computer-use-demo bytes | tokens | cache read | cache write | weighted |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < ourCosts.size(); i++) {
            Cost a = ourCosts.get(i);
            Cost d = demoCosts.get(i);
            out.printf(Locale.ROOT, "| %d | %,d | %,d | %,d | %,d | %,.0f | %,d | %,d | %,d | %,d | %,.0f |%n", i + 1,
                    a.bytes(), a.tokens(), a.read(), a.write(), a.weighted(), d.bytes(), d.tokens(), d.read(), d.write(), d.weighted());
        }
        Cost a = sum(ourCosts);
        Cost d = sum(demoCosts);
        out.printf(Locale.ROOT, "| **all** | %,d | %,d | %,d | %,d | **%,.0f** | %,d | %,d | %,d | %,d | **%,.0f** |%n",
                a.bytes(), a.tokens(), a.read(), a.write(), a.weighted(), d.bytes(), d.tokens(), d.read(), d.write(), d.weighted());
        out.println();
        out.printf(Locale.ROOT, "agentstream / computer-use-demo: weighted cost %.2fx, tokens %.2f%%, bytes %.2f%%.%n%n",
                a.weighted() / d.weighted(), 100.0 * a.tokens() / d.tokens(), 100.0 * a.bytes() / d.bytes());
        out.printf(Locale.ROOT, "Where agentstream's weighted %,.0f goes: cache writes %,.0f (%.0f%%), cache reads %,.0f (%.0f%%), uncached %,d (%.0f%%); "
                        + "images are %.0f%% of the tokens sent.%n%n", a.weighted(), 1.25 * a.write(), 125.0 * a.write() / a.weighted(),
                0.1 * a.read(), 10.0 * a.read() / a.weighted(), a.uncached(), 100.0 * a.uncached() / a.weighted(),
                100.0 * imageTokens(replay, ourCosts.size()) / a.tokens());
    }

    /** Image tokens over all the requests agentstream sent. */
    private static long imageTokens(Replay replay, int requests) {
        long sum = 0;
        for (JsonNode request : replay.requests().subList(0, requests)) {
            for (JsonNode message : request.path("messages")) {
                for (JsonNode block : message.path("content")) {
                    for (JsonNode part : block.path("content")) {
                        if ("image".equals(part.path("type").asText())) sum += tokens(part);
                    }
                }
            }
        }
        return sum;
    }

    private static Cost sum(List<Cost> costs) {
        long bytes = 0, tokens = 0, read = 0, write = 0, uncached = 0;
        for (Cost c : costs) {
            bytes += c.bytes();
            tokens += c.tokens();
            read += c.read();
            write += c.write();
            uncached += c.uncached();
        }
        return new Cost(bytes, tokens, read, write, uncached);
    }

    /**
     * computer-use-demo's request for the same turn: the same system prompt and tools, the same number of
     * messages taken from the unpruned conversation (tool output in full), its breakpoints.
     */
    private static ObjectNode demoRequest(JsonNode ours, Replay replay) {
        ObjectNode demo = ((ObjectNode) ours).deepCopy();
        ArrayNode system = (ArrayNode) demo.path("system");
        system.forEach(block -> ((ObjectNode) block).remove("cache_control"));
        if (!system.isEmpty()) ((ObjectNode) system.get(system.size() - 1)).putObject("cache_control").put("type", "ephemeral");
        demo.path("tools").forEach(tool -> ((ObjectNode) tool).remove("cache_control"));
        int count = ours.path("messages").size();
        ArrayNode messages = demo.putArray("messages");
        for (int i = 0; i < count; i++) messages.add(withFullOutput(replay.fullConversation().get(i).deepCopy(), replay.fullToolOutput()));
        // _inject_prompt_caching: a breakpoint on the last block of each of the last 3 user turns.
        int marked = 0;
        for (int i = messages.size() - 1; i >= 0 && marked < 3; i--) {
            JsonNode message = messages.get(i);
            if (!"user".equals(message.path("role").asText()) || !message.path("content").isArray() || message.path("content").isEmpty()) continue;
            ArrayNode content = (ArrayNode) message.path("content");
            ((ObjectNode) content.get(content.size() - 1)).putObject("cache_control").put("type", "ephemeral");
            marked++;
        }
        return demo;
    }

    private static ObjectNode withFullOutput(ObjectNode message, Map<String, String> fullOutput) {
        for (JsonNode block : message.path("content")) {
            String output = fullOutput.get(block.path("tool_use_id").asText());
            if (output == null) continue;
            ArrayNode content = ((ObjectNode) block).putArray("content");
            content.addObject().put("type", "text").put("text", output);
        }
        return message;
    }

    /** The cache's view of a request: system blocks, tools, then every content block of every message, in order. */
    static List<Unit> units(JsonNode request) {
        List<Unit> units = new ArrayList<>();
        for (JsonNode tool : request.path("tools")) units.add(unit(tool));
        for (JsonNode block : request.path("system")) units.add(unit(block));
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asText();
            for (JsonNode block : message.path("content")) {
                Unit u = unit(block);
                units.add(new Unit(role + ":" + u.key(), u.tokens(), u.breakpoint()));
            }
        }
        return units;
    }

    private static Unit unit(JsonNode block) {
        boolean breakpoint = block.has("cache_control");
        ObjectNode bare = ((ObjectNode) block).deepCopy();
        bare.remove("cache_control");
        String json = bare.toString();
        return new Unit(Integer.toHexString(json.hashCode()) + ":" + json.length(), tokens(bare), breakpoint);
    }

    /**
     * What declaring the computer use toolset with its default members adds to a request, in input tokens (the member
     * definitions and the tool use system prompt; "about 4,500", Anthropic's computer use tool page, Pricing): the
     * entry itself is a few bytes, so its size says nothing of its cost.
     */
    static final long TOOLSET_TOKENS = 4_500;

    /** Anthropic's vision page: images are padded on the right and bottom to a multiple of this many pixels. */
    static final int IMAGE_PAD_PX = 28;

    /**
     * An image's input tokens as Anthropic's vision page gives them for the current models: about width x height / 750,
     * the image first padded on the bottom and right to a multiple of 28 pixels (1024x768 is counted as 1036x784).
     */
    static long imageTokens(int width, int height) {
        long paddedWidth = (long) Math.ceilDiv(width, IMAGE_PAD_PX) * IMAGE_PAD_PX;
        long paddedHeight = (long) Math.ceilDiv(height, IMAGE_PAD_PX) * IMAGE_PAD_PX;
        return paddedWidth * paddedHeight / 750;
    }

    /** The width and height a base64 PNG's header gives (IHDR, bytes 16 to 23). */
    static int[] pngSize(String base64) {
        byte[] head = Base64.getDecoder().decode(base64.substring(0, 32));
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(head);
        return new int[] {header.getInt(16), header.getInt(20)};
    }

    /** Estimated input tokens: images by their size, everything else by its text at 4 characters a token. */
    static long tokens(JsonNode node) {
        if (node.isObject() && "image".equals(node.path("type").asText())) {
            int[] size = pngSize(node.path("source").path("data").asText());
            return imageTokens(size[0], size[1]);
        }
        if (node.isObject() && node.path("type").asText().startsWith("computer_toolset_")) return TOOLSET_TOKENS;
        if (node.isObject() || node.isArray()) {
            long sum = node.isObject() ? 2 : 1;
            for (JsonNode child : node) sum += tokens(child);
            return sum;
        }
        return Math.max(1, node.asText().length() / 4);
    }

    /** The computer tool's screenshot action on a screen that changes every time, like a real desktop. */
    static final class Screens implements Tool {
        private final AtomicInteger shots = new AtomicInteger();
        private final ToolSpec spec = new ToolSpec("computer", "Screenshots of the desktop.",
                EventJson.mapper().createObjectNode().put("type", "object"), Optional.of("computer_20250124"));

        @Override
        public ToolSpec spec() {
            return spec;
        }

        @Override
        public ToolStream execute(ToolCall call, ToolContext context) {
            return ToolStreams.start(call, context, scope -> {
                int n = shots.incrementAndGet();
                return new ToolResult(List.of(new ContentBlock.ImageData("image/png", screen(n))), false, Map.of());
            });
        }

        private static String screen(int n) throws java.io.IOException {
            BufferedImage image = new BufferedImage(SCREEN_W, SCREEN_H, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            Random random = new Random(n);
            g.setColor(new Color(0xF0F0F0));
            g.fillRect(0, 0, SCREEN_W, SCREEN_H);
            for (int i = 0; i < 40; i++) {
                g.setColor(new Color(random.nextInt(0xFFFFFF)));
                g.fillRect(random.nextInt(SCREEN_W), random.nextInt(SCREEN_H), 20 + random.nextInt(200), 10 + random.nextInt(60));
            }
            g.setColor(Color.BLACK);
            for (int line = 0; line < 30; line++) g.drawString("screen " + n + " line " + line + " " + Long.toHexString(random.nextLong()), 20, 20 + line * 24);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        }
    }
}
