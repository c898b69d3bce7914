package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCachingTest {

    @TempDir
    Path home;

    @Test
    void breakpoints_sit_on_the_system_prompt_the_tools_and_the_two_latest_user_turns() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs), TestTools.slow("other", runs))) {
            h.server.reply(SseScript.reply(100, 0, 900).outputTokens(7).toolUse("toolu_1", "count", "{}").end("tool_use"));
            h.server.reply(SseScript.reply(20, 900, 50).outputTokens(5).toolUse("toolu_2", "count", "{}").end("tool_use"));
            h.server.reply(SseScript.reply(10, 950, 30).outputTokens(3).text("done").end("end_turn"));

            h.loop().run("count twice");

            JsonNode third = h.server.request(2).body();
            assertThat(third.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
            JsonNode tools = third.path("tools");
            assertThat(tools.get(0).has("cache_control")).isFalse();
            assertThat(tools.get(tools.size() - 1).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
            JsonNode messages = third.path("messages");
            assertThat(messages).hasSize(5);
            assertThat(lastBlock(messages.get(0)).has("cache_control")).as("the oldest user turn is not marked").isFalse();
            assertThat(lastBlock(messages.get(2)).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
            assertThat(lastBlock(messages.get(4)).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
            assertThat(third.toString().split("\"cache_control\"", -1)).hasSize(5);

            assertThat(h.events.of(AgentEvent.Usage.class)).hasSize(3);
            AgentEvent.Usage first = h.events.of(AgentEvent.Usage.class).get(0);
            assertThat(first.turnUsage()).isEqualTo(new TokenUsage(100, 7, 0, 900));
            AgentEvent.Usage last = h.events.of(AgentEvent.Usage.class).get(2);
            assertThat(last.sessionUsage()).isEqualTo(new TokenUsage(130, 15, 1850, 980));
        }
    }

    private static JsonNode lastBlock(JsonNode message) {
        JsonNode content = message.path("content");
        return content.get(content.size() - 1);
    }
}
