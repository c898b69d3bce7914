package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.tools.bash.BashConfig;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BashToolUseTest {

    @TempDir
    Path home;

    @Test
    void runs_bash_while_the_reply_still_streams_and_sends_the_result_back() throws Exception {
        Path work = Files.createDirectories(home.resolve("work"));
        Files.writeString(work.resolve("alpha.txt"), "a");
        Files.writeString(work.resolve("beta.txt"), "b");
        Path marker = home.resolve("ran-before-message-end");
        AtomicBoolean ranMidStream = new AtomicBoolean();
        String command = "ls " + work + " && touch " + marker;
        try (LoopHarness h = new LoopHarness(home, new BashTool(BashConfig.defaults().withWorkingDirectory(work)))) {
            h.server.reply(SseScript.reply()
                    .text("Let me ", "look.")
                    .ping()
                    .toolUse("toolu_01", "bash", "{\"command\": " + EventJsonString.of(command) + "}", 4)
                    // The reply is held open until the command has run: only an early start gets it there.
                    .awaitUntil(() -> {
                        boolean ran = Files.exists(marker);
                        if (ran) ranMidStream.set(true);
                        return ran;
                    }, Duration.ofSeconds(15))
                    .pause(Duration.ofMillis(200))
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("Two files: alpha.txt and beta.txt.").end("end_turn"));

            AgentOutcome outcome = h.loop().run("list files");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(outcome.turns()).isEqualTo(2);
            assertThat(ranMidStream).as("the command ran before the reply's message_stop was sent").isTrue();
            int started = h.events.indexOf(EventLog.toolEvent("toolu_01", ToolEvent.Started.class));
            int turnEnded = h.events.indexOf(e -> e instanceof AgentEvent.TurnEnded t && t.turn() == 1);
            assertThat(started).isBetween(0, turnEnded);
            assertThat(h.events.toolOutput("toolu_01")).contains("alpha.txt", "beta.txt");
            assertThat(h.events.text()).isEqualTo("Let me look.Two files: alpha.txt and beta.txt.");

            JsonNode second = h.server.request(1).body();
            JsonNode assistant = second.path("messages").get(1);
            assertThat(assistant.path("role").asText()).isEqualTo("assistant");
            assertThat(assistant.path("content").get(0).path("text").asText()).isEqualTo("Let me look.");
            JsonNode toolUse = assistant.path("content").get(1);
            assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
            assertThat(toolUse.path("input").path("command").asText()).isEqualTo(command);
            JsonNode result = second.path("messages").get(2).path("content").get(0);
            assertThat(result.path("type").asText()).isEqualTo("tool_result");
            assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_01");
            assertThat(result.has("is_error")).isFalse();
            assertThat(result.path("content").get(0).path("text").asText()).contains("alpha.txt", "beta.txt", "[exit code 0]");
            assertThat(second.path("tools").get(0).path("type").asText()).isEqualTo("bash_20250124");
        }
    }

    /** JSON string literal for a command put into a scripted tool input. */
    static final class EventJsonString {
        static String of(String s) {
            return dev.agentstream.core.EventJson.mapper().getNodeFactory().textNode(s).toString();
        }
    }
}
