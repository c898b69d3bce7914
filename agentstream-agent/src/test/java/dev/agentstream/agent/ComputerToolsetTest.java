package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.RecordedRequest;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.agent.tools.ComputerBatch;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolResult;
import dev.agentstream.tools.computer.ComputerConfig;
import dev.agentstream.tools.computer.ComputerTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The computer use toolset end to end: the default model (Claude Sonnet 5.5) is sent the toolset entry, its member
 * calls run the real computer tool on a real X display, and every result goes back under its tool_use_id with
 * toolset_name, as the API requires.
 */
class ComputerToolsetTest {

    @TempDir
    Path home;

    /** A virtual display of the tool's default size, never the desktop of whoever runs the tests. */
    static ComputerTool computer() {
        return new ComputerTool(ComputerConfig.defaults().withAlwaysStartDisplay(true));
    }

    @Test
    void member_calls_run_the_computer_tool_and_their_results_echo_the_toolset() throws Exception {
        try (LoopHarness h = new LoopHarness(home, computer())) {
            h.server.reply(SseScript.reply().text("Moving the pointer, then checking where it is.")
                    .toolsetUse("computer", "toolu_move", "mouse_move", "{\"coordinate\": [100, 120]}")
                    .toolsetUse("computer", "toolu_where", "cursor_position", "{}")
                    .toolsetUse("computer", "toolu_look", "screenshot", "{}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("The pointer is at 100, 120.").end("end_turn"));

            AgentOutcome outcome = h.loop().run("Point at 100, 120.");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            RecordedRequest first = h.server.request(0);
            assertThat(first.body().path("model").asText()).isEqualTo("claude-sonnet-5-5");
            assertThat(first.header("anthropic-beta")).as("the toolset needs no beta header").doesNotContain("computer-use");
            assertThat(first.body().path("tools")).singleElement().isEqualTo(EventJson.mapper().readTree(
                    "{\"type\":\"computer_toolset_20260801\",\"cache_control\":{\"type\":\"ephemeral\"}}"));

            JsonNode messages = h.server.request(1).messages();
            List<String> echoedToolsets = new ArrayList<>();
            for (JsonNode block : messages.get(1).path("content")) {
                if (block.path("type").asText().equals("tool_use")) echoedToolsets.add(block.path("toolset_name").asText());
            }
            assertThat(echoedToolsets).as("the model's calls are sent back as it made them").containsExactly("computer", "computer", "computer");

            JsonNode results = messages.get(2).path("content");
            assertThat(results).extracting(r -> r.path("tool_use_id").asText()).containsExactly("toolu_move", "toolu_where", "toolu_look");
            assertThat(results).allSatisfy(r -> {
                assertThat(r.path("toolset_name").asText()).isEqualTo("computer");
                assertThat(r.path("is_error").asBoolean(false)).as(r.toString()).isFalse();
            });
            // cursor_position reports where mouse_move put the pointer on the real display.
            assertThat(results.get(1).path("content").get(0).path("text").asText()).isEqualTo("X=100,Y=120");
            // mouse_move answers with the screen it left; the screenshot right after finds it unchanged and says so in words.
            assertThat(results.get(0).path("content")).anySatisfy(part -> assertThat(part.path("type").asText()).isEqualTo("image"));
            assertThat(results.get(2).path("content").get(0).path("text").asText()).startsWith("Screen unchanged since the screenshot");
            assertThat(h.events.of(AgentEvent.ToolUse.class)).extracting(AgentEvent.ToolUse::name).containsOnly("computer");
        }
    }

    @Test
    void a_bad_member_call_is_answered_with_an_error_under_its_id_and_the_toolset_and_stops_the_actions_after_it() {
        try (LoopHarness h = new LoopHarness(home, TestTools.tool("computer", Optional.of("computer_20250124"),
                scope -> ToolResult.text("ran " + scope.call().input().path("action").asText())))) {
            h.server.reply(SseScript.reply()
                    .toolsetUse("computer", "toolu_keys", "key", "{\"text\": \"Tab\", \"repeat\": 500}")
                    .toolsetUse("computer", "toolu_wait", "wait", "{\"duration\": 1}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("ok").end("end_turn"));

            h.loop().run("Press Tab a lot.");

            JsonNode results = h.server.request(1).messages().get(2).path("content");
            assertThat(results.get(0).path("tool_use_id").asText()).isEqualTo("toolu_keys");
            assertThat(results.get(0).path("toolset_name").asText()).isEqualTo("computer");
            assertThat(results.get(0).path("is_error").asBoolean()).isTrue();
            assertThat(results.get(0).path("content").get(0).path("text").asText()).contains("'repeat' must be a whole number from 1 to 100");
            assertThat(results.get(1).path("content").get(0).path("text").asText()).isEqualTo(ComputerBatch.HALTED);
            assertThat(results.get(1).path("toolset_name").asText()).isEqualTo("computer");
        }
    }
}
