package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThinkingTest {

    @TempDir
    Path home;

    @Test
    void thinking_streams_and_goes_back_with_its_signature() {
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.settings.model("claude-haiku-4-5").thinkingBudget(2048).maxTokens(8000);
            h.server.reply(SseScript.reply()
                    .thinking("sig-abc123", "Let me ", "think.")
                    .toolUse("toolu_1", "bash", "{\"command\": \"echo hi\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().thinking("sig-2", "Done.").text("hi it is").end("end_turn"));

            h.loop().run("say hi");

            JsonNode first = h.server.request(0).body();
            assertThat(first.path("thinking").path("type").asText()).isEqualTo("enabled");
            assertThat(first.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
            assertThat(h.server.request(0).header("anthropic-beta")).contains("interleaved-thinking-2025-05-14");
            JsonNode thinking = h.server.request(1).messages().get(1).path("content").get(0);
            assertThat(thinking.path("type").asText()).isEqualTo("thinking");
            assertThat(thinking.path("thinking").asText()).isEqualTo("Let me think.");
            assertThat(thinking.path("signature").asText()).isEqualTo("sig-abc123");
            StringBuilder streamed = new StringBuilder();
            h.events.of(AgentEvent.ThinkingDelta.class).forEach(t -> streamed.append(t.text()));
            assertThat(streamed.toString()).isEqualTo("Let me think.Done.");
        }
    }

    @Test
    void the_default_model_thinks_unasked_and_is_asked_to_show_it() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply().thinking("sig-1", "Short ", "note.").text("hello").end("end_turn"));
            h.loop().run("hi");
            // Claude Sonnet 5.5 thinks with or without a thinking field, and shows none of it unless display asks for it.
            assertThat(h.server.request(0).body().path("thinking").toString()).isEqualTo("{\"type\":\"adaptive\",\"display\":\"summarized\"}");
            // The default model takes no thinking beta; its one header asks for the API's context editing.
            assertThat(h.server.request(0).header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
            StringBuilder streamed = new StringBuilder();
            h.events.of(AgentEvent.ThinkingDelta.class).forEach(t -> streamed.append(t.text()));
            assertThat(streamed.toString()).isEqualTo("Short note.");
        }
    }

    @Test
    void thinking_is_off_by_default_for_a_model_that_thinks_only_when_asked() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.settings.model("claude-opus-4-7");
            h.server.reply(SseScript.reply().text("hello").end("end_turn"));
            h.loop().run("hi");
            assertThat(h.server.request(0).body().has("thinking")).isFalse();
        }
    }
}
