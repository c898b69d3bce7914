package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.model.ComputerToolset;
import dev.agentstream.agent.model.ModelCatalog;
import dev.agentstream.agent.model.ModelProfile;
import dev.agentstream.agent.testing.RecordedRequest;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.Tool;
import dev.agentstream.core.ToolResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of the model table against the request the loop really sends for that model. */
class ModelTableTest {

    @TempDir
    Path home;

    private static Tool builtIn(String name, String type) {
        return TestTools.tool(name, Optional.of(type), scope -> ToolResult.text("ok"));
    }

    /** The request the loop sends for {@code model} with bash, the editor, the computer and one custom tool. */
    private RecordedRequest requestFor(String model, int thinkingBudget, String effort, EventLog[] events) {
        try (LoopHarness h = new LoopHarness(home.resolve(model + "-" + thinkingBudget),
                builtIn("bash", "bash_20250124"), builtIn("str_replace_based_edit_tool", "text_editor_20250728"),
                builtIn("computer", "computer_20250124"), TestTools.tool("find", scope -> ToolResult.text("none")))) {
            h.settings.model(model).thinkingBudget(thinkingBudget).maxTokens(32_000).effort(effort);
            h.server.reply(SseScript.reply().text("done").end("end_turn"));
            h.loop().run("hi");
            if (events != null) events[0] = h.events;
            return h.server.request(0);
        }
    }

    private static Map<String, JsonNode> toolsByName(RecordedRequest request) {
        Map<String, JsonNode> tools = new TreeMap<>();
        request.body().path("tools").forEach(t -> tools.put(t.path("name").asText(), t));
        return tools;
    }

    private static List<String> betas(RecordedRequest request) {
        String header = request.header("anthropic-beta");
        return header == null ? List.of() : List.of(header.split(","));
    }

    @Test
    void every_row_gets_its_tool_versions_betas_and_thinking_shape() {
        for (ModelProfile row : ModelCatalog.builtIn().rows()) {
            RecordedRequest thinking = requestFor(row.id(), 4096, null, null);
            Map<String, JsonNode> tools = toolsByName(thinking);
            assertThat(thinking.body().path("model").asText()).isEqualTo(row.id());

            assertThat(tools.get("bash").path("type").asText()).as(row.id() + " bash").isEqualTo(row.bashTool());
            JsonNode editor = tools.get(row.editorName());
            assertThat(editor).as(row.id() + " editor named " + row.editorName()).isNotNull();
            assertThat(editor.path("type").asText()).as(row.id() + " editor").isEqualTo(row.editorTool());

            JsonNode computer = tools.get("computer");
            List<String> expectedBetas = new ArrayList<>();
            if (row.computerTool().equals(ComputerToolset.TYPE)) {
                // The toolset: one entry with no name and no display size, and no beta header.
                assertThat(computer).as(row.id() + " declares no tool named computer beside the toolset").isNull();
                assertThat(thinking.body().path("tools")).filteredOn(t -> t.path("type").asText().equals(ComputerToolset.TYPE))
                        .as(row.id() + " computer toolset").singleElement()
                        .satisfies(t -> assertThat(t.has("name") || t.has("display_width_px")).isFalse());
            } else if (row.computerIsBuiltIn()) {
                assertThat(computer.path("type").asText()).as(row.id() + " computer").isEqualTo(row.computerTool());
                assertThat(computer.path("display_width_px").asInt()).isEqualTo(1024);
                assertThat(computer.has("input_schema")).isFalse();
                row.computerBeta().ifPresent(expectedBetas::add);
            } else {
                // A custom tool: name, description and schema, no built-in type.
                assertThat(computer.path("type").asText("custom")).as(row.id() + " computer").isIn("custom", "");
                assertThat(computer.path("input_schema").path("type").asText()).isEqualTo("object");
            }
            assertThat(tools.get("find").has("input_schema")).isTrue();

            JsonNode thinkingField = thinking.body().path("thinking");
            // Thinking is shown live: a model whose default display is omitted is asked for summarized thinking.
            if (row.thinkingDisplayDefault().equals("omitted")) {
                assertThat(thinkingField.path("display").asText()).as(row.id() + " display").isEqualTo("summarized");
            } else {
                assertThat(row.thinkingDisplayDefault()).as(row.id() + " default display").isEqualTo("summarized");
                assertThat(thinkingField.has("display")).as(row.id() + " shows its thinking by default").isFalse();
            }
            if (row.thinking().adaptive()) {
                assertThat(thinkingField.path("type").asText()).as(row.id() + " thinking").isEqualTo("adaptive");
                assertThat(thinkingField.has("budget_tokens")).as(row.id() + " sends no budget").isFalse();
            } else {
                assertThat(thinkingField.path("type").asText()).as(row.id() + " thinking").isEqualTo("enabled");
                assertThat(thinkingField.path("budget_tokens").asInt()).isEqualTo(4096);
                if (row.interleavedThinkingBeta()) expectedBetas.add("interleaved-thinking-2025-05-14");
            }
            if (row.appendOnlyHistory()) expectedBetas.add("context-management-2025-06-27");
            assertThat(thinking.body().has("context_management")).as(row.id() + " server-side clearing").isEqualTo(row.appendOnlyHistory());
            assertThat(betas(thinking)).as(row.id() + " betas").containsExactlyInAnyOrderElementsOf(expectedBetas);

            RecordedRequest plain = requestFor(row.id(), 0, null, null);
            if (row.thinking() == ModelProfile.ThinkingMode.ADAPTIVE_DEFAULT_ON && row.thinkingDisplayDefault().equals("omitted")) {
                // It thinks anyway; the request asks for what it does unasked, with the thinking shown.
                assertThat(plain.body().path("thinking")).as(row.id() + " without --thinking-budget")
                        .isEqualTo(EventJson.mapper().createObjectNode().put("type", "adaptive").put("display", "summarized"));
            } else {
                assertThat(plain.body().has("thinking")).as(row.id() + " without --thinking-budget").isFalse();
            }
            assertThat(betas(plain)).doesNotContain("interleaved-thinking-2025-05-14");
        }
    }

    @Test
    void the_documented_facts_hold_for_the_models_the_issue_names() {
        ModelCatalog table = ModelCatalog.builtIn();
        assertThat(AgentSettings.DEFAULT_MODEL).isEqualTo("claude-sonnet-5-5");
        assertThat(table.find(AgentSettings.DEFAULT_MODEL).orElseThrow().status()).isEqualTo(ModelProfile.Status.ACTIVE);
        ModelProfile sonnet46 = table.find("claude-sonnet-4-6").orElseThrow();
        assertThat(sonnet46.computerTool()).isEqualTo("computer_20251124");
        assertThat(sonnet46.computerBeta()).contains("computer-use-2025-11-24");
        for (String claude55 : List.of("claude-sonnet-5-5", "claude-opus-5-5")) {
            // Claude 5.5 models refuse computer_20251124 on the Claude API: the toolset, without a beta header.
            assertThat(table.find(claude55).orElseThrow().computerTool()).isEqualTo(ComputerToolset.TYPE);
            assertThat(table.find(claude55).orElseThrow().computerBeta()).isEmpty();
        }
        assertThat(table.find("claude-opus-4-7").orElseThrow().thinking().adaptive()).isTrue();
        assertThat(table.find("claude-opus-4-5-20251101").orElseThrow().id()).isEqualTo("claude-opus-4-5");
        assertThat(table.find("claude-sonnet-4-5").orElseThrow().status()).isEqualTo(ModelProfile.Status.RETIRED);
        assertThat(table.find("claude-sonnet-5").orElseThrow().id()).isEqualTo("claude-sonnet-5");
        assertThat(table.find("claude-sonnet-5-5-20260928").orElseThrow().id()).isEqualTo("claude-sonnet-5-5");
        // The thinking page: "omitted" is the default display from Opus 4.7 and Sonnet 5 on, "summarized" before them.
        for (String hidden : List.of("claude-sonnet-5-5", "claude-opus-5-5", "claude-sonnet-5", "claude-opus-4-8", "claude-opus-4-7")) {
            assertThat(table.find(hidden).orElseThrow().thinkingDisplayDefault()).as(hidden).isEqualTo("omitted");
        }
        for (String shown : List.of("claude-opus-4-6", "claude-sonnet-4-6", "claude-opus-4-5", "claude-haiku-4-5")) {
            assertThat(table.find(shown).orElseThrow().thinkingDisplayDefault()).as(shown).isEqualTo("summarized");
        }
        for (ModelProfile row : table.rows()) {
            assertThat(row.sources()).as(row.id() + " cites its pages").isNotEmpty();
            assertThat(row.sources()).as(row.id() + " cites the page of its thinking display")
                    .contains("https://platform.claude.com/docs/en/build-with-claude/thinking");
            assertThat(row.price().input()).as(row.id() + " price").isPositive();
            assertThat(row.contextWindow()).isPositive();
        }
    }

    @Test
    void an_unknown_model_runs_with_the_newest_row_and_says_so_once() {
        EventLog[] events = new EventLog[1];
        RecordedRequest request = requestFor("claude-nimbus-9", 2048, null, events);
        ModelProfile newest = ModelCatalog.builtIn().newest();
        assertThat(request.body().path("model").asText()).isEqualTo("claude-nimbus-9");
        assertThat(request.body().path("thinking").path("type").asText()).isEqualTo(newest.thinking().adaptive() ? "adaptive" : "enabled");
        List<AgentEvent.Notice> notices = events[0].of(AgentEvent.Notice.class).stream()
                .filter(n -> n.message().contains("claude-nimbus-9")).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).message()).contains(newest.id(), "does not know");
    }

    @Test
    void each_turn_and_the_session_show_their_estimated_cost_at_the_tables_prices() {
        try (LoopHarness h = new LoopHarness(home)) {
            // claude-sonnet-5-5: $2 in, $10 out, $2.50 cache write, $0.10 cache read per million tokens.
            h.settings.model("claude-sonnet-5-5");
            h.server.reply(SseScript.reply(1_000_000, 2_000_000, 400_000).outputTokens(100_000).text("one").end("end_turn"));
            h.server.reply(SseScript.reply(500_000, 0, 0).outputTokens(0).text("two").end("end_turn"));
            AgentLoop loop = h.loop();
            loop.run("first");
            loop.run("second");

            List<AgentEvent.Usage> usage = h.events.of(AgentEvent.Usage.class);
            assertThat(usage.get(0).turnCostUsd()).isCloseTo(2.0 + 1.0 + 1.0 + 0.2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(usage.get(1).turnCostUsd()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(usage.get(1).sessionCostUsd()).isCloseTo(5.2, org.assertj.core.data.Offset.offset(1e-9));
            com.fasterxml.jackson.databind.JsonNode json = AgentEventJson.toJson(usage.get(1));
            assertThat(json.path("estimated_cost_usd").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(json.path("session").path("estimated_cost_usd").asDouble()).isCloseTo(5.2, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void near_the_context_window_old_tool_results_are_cleared_and_the_person_is_told() {
        try (LoopHarness h = new LoopHarness(home, TestTools.tool("look", scope -> ToolResult.text("a long result")))) {
            // claude-haiku-4-5 reads 200,000 tokens; the fourth reply reports 170,000 of them used.
            h.settings.model("claude-haiku-4-5");
            for (int i = 1; i <= 3; i++) h.server.reply(SseScript.reply(1_000, 0, 0).toolUse("toolu_" + i, "look", "{}").end("tool_use"));
            h.server.reply(SseScript.reply(170_000, 0, 0).toolUse("toolu_4", "look", "{}").end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            h.loop().run("look around");

            assertThat(h.server.request(3).body().toString()).doesNotContain("cleared to keep");
            JsonNode messages = h.server.request(4).messages();
            // Messages: task, 4 x (reply, results). The newest three user messages stay whole.
            assertThat(messages.get(2).path("content").get(0).path("content").get(0).path("text").asText()).contains("cleared to keep");
            for (int m : new int[] {4, 6, 8}) {
                assertThat(messages.get(m).path("content").get(0).path("content").get(0).path("text").asText()).isEqualTo("a long result");
            }
            assertThat(h.events.of(AgentEvent.Notice.class)).anyMatch(n -> n.message().contains("reached 170,001 of")
                    && n.message().contains("200,000-token context window") && n.message().contains("cleared 1 old tool result"));
        }
    }

    @Test
    void effort_is_sent_only_to_models_that_take_it() {
        RecordedRequest sonnet55 = requestFor("claude-sonnet-5-5", 0, "medium", null);
        assertThat(sonnet55.body().path("output_config").path("effort").asText()).isEqualTo("medium");
        EventLog[] events = new EventLog[1];
        RecordedRequest haiku = requestFor("claude-haiku-4-5", 0, "medium", events);
        assertThat(haiku.body().has("output_config")).isFalse();
        assertThat(events[0].of(AgentEvent.Notice.class)).anyMatch(n -> n.message().contains("The effort setting (medium) is not sent"));
    }
}
