package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelToolCallsTest {

    @TempDir
    Path home;

    @Test
    void calls_of_different_tools_run_together_and_their_results_keep_the_models_order() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("slow", runs), new BashTool())) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_slow", "slow", "{\"ms\": 800, \"label\": \"A\"}")
                    .toolUse("toolu_bash", "bash", "{\"command\": \"echo B\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            h.loop().run("do both");

            int bashDone = h.events.indexOf(EventLog.toolEvent("toolu_bash", ToolEvent.Completed.class));
            int slowDone = h.events.indexOf(EventLog.toolEvent("toolu_slow", ToolEvent.Completed.class));
            assertThat(bashDone).as("bash ended while the slow call still ran").isBetween(0, slowDone);
            JsonNode results = h.server.request(1).lastMessage().path("content");
            assertThat(results).hasSize(2);
            assertThat(results.get(0).path("tool_use_id").asText()).isEqualTo("toolu_slow");
            assertThat(results.get(0).path("content").get(0).path("text").asText()).isEqualTo("slept A");
            assertThat(results.get(1).path("tool_use_id").asText()).isEqualTo("toolu_bash");
            assertThat(results.get(1).path("content").get(0).path("text").asText()).contains("B");
        }
    }

    @Test
    void two_commands_for_the_same_shell_run_one_after_the_other_in_order() {
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "bash", "{\"command\": \"sleep 0.4; echo first\"}")
                    .toolUse("toolu_2", "bash", "{\"command\": \"echo second\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("ok").end("end_turn"));

            h.loop().run("two commands");

            int firstDone = h.events.indexOf(EventLog.toolEvent("toolu_1", ToolEvent.Completed.class));
            int secondStarted = h.events.indexOf(EventLog.toolEvent("toolu_2", ToolEvent.Started.class));
            assertThat(firstDone).isBetween(0, secondStarted);
            JsonNode results = h.server.request(1).lastMessage().path("content");
            assertThat(results.get(0).path("content").get(0).path("text").asText()).contains("first");
            assertThat(results.get(1).path("content").get(0).path("text").asText()).contains("second");
        }
    }
}
