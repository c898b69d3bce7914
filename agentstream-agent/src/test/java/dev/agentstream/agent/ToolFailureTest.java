package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolFailureTest {

    @TempDir
    Path home;

    @Test
    void failing_unknown_and_garbled_calls_become_error_results_and_the_loop_goes_on() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.failing("explode"), TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "explode", "{}")
                    .toolUse("toolu_2", "nosuch", "{}")
                    .toolUse("toolu_3", "count", "{\"label\": ")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("I will do it differently.").end("end_turn"));

            AgentOutcome outcome = h.loop().run("try things");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(runs).hasValue(0);
            JsonNode request = h.server.request(1).body();
            JsonNode results = request.path("messages").get(2).path("content");
            assertThat(results).hasSize(3);
            assertThat(results).allSatisfy(r -> assertThat(r.path("is_error").asBoolean()).isTrue());
            assertThat(results.get(0).path("content").get(0).path("text").asText()).contains("the disk is on fire");
            assertThat(results.get(1).path("content").get(0).path("text").asText()).contains("no tool named 'nosuch'");
            assertThat(results.get(2).path("content").get(0).path("text").asText()).contains("not complete JSON");
            // The broken input is stored as an empty object, which the API accepts on the next request.
            assertThat(request.path("messages").get(1).path("content").get(2).path("input").isObject()).isTrue();
        }
    }
}
