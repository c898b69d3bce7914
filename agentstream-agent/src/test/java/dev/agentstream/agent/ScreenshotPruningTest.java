package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.conversation.ScreenshotPruner;
import dev.agentstream.agent.testing.SseScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotPruningTest {

    @TempDir
    Path home;

    @Test
    void only_the_three_latest_screenshots_stay_and_each_is_saved_to_a_file() throws Exception {
        try (LoopHarness h = new LoopHarness(home, TestTools.camera("camera"))) {
            for (int i = 1; i <= 5; i++) {
                h.server.reply(SseScript.reply().toolUse("toolu_" + i, "camera", "{}").end("tool_use"));
            }
            h.server.reply(SseScript.reply().text("seen enough").end("end_turn"));

            AgentLoop loop = h.loop();
            loop.run("look five times");

            JsonNode last = h.server.request(5).body();
            List<String> parts = new ArrayList<>();
            for (JsonNode message : last.path("messages")) {
                for (JsonNode block : message.path("content")) {
                    if (!"tool_result".equals(block.path("type").asText())) continue;
                    JsonNode second = block.path("content").get(1);
                    parts.add(second.path("type").asText().equals("image") ? "image" : second.path("text").asText());
                }
            }
            assertThat(parts).containsExactly(ScreenshotPruner.PLACEHOLDER, ScreenshotPruner.PLACEHOLDER, "image", "image", "image");
            JsonNode image = last.path("messages").get(10).path("content").get(0).path("content").get(1);
            assertThat(image.path("source").path("type").asText()).isEqualTo("base64");
            assertThat(image.path("source").path("media_type").asText()).isEqualTo("image/png");

            List<AgentEvent.ScreenshotSaved> saved = h.events.of(AgentEvent.ScreenshotSaved.class);
            assertThat(saved).hasSize(5);
            assertThat(saved).allSatisfy(s -> assertThat(Files.size(s.path())).isPositive());
            // Images are in the saved messages once; result events in the transcript do not repeat them.
            String transcript = Files.readString(loop.transcript().file());
            assertThat(transcript.split(java.util.regex.Pattern.quote(TestTools.png(1)), -1)).hasSize(2);
        }
    }
}
