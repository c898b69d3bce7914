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

    private static final String CLIENT_PRUNED_MODEL = "claude-sonnet-4-6";

    @TempDir
    Path home;

    @Test
    void only_the_three_latest_screenshots_stay_and_each_is_saved_to_a_file() throws Exception {
        try (LoopHarness h = new LoopHarness(home, TestTools.camera("camera"))) {
            // A model whose history may be edited on the client (the 5.5 models' may not; see the last test).
            h.settings.model(CLIENT_PRUNED_MODEL).screenshotBatch(2);
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

    /** The messages of a request without its cache breakpoints, which move every turn by design. */
    private static List<String> messagesOf(JsonNode request) {
        List<String> messages = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            messages.add(message.toString().replace(",\"cache_control\":{\"type\":\"ephemeral\"}", ""));
        }
        return messages;
    }

    @Test
    void old_screenshots_go_in_batches_so_the_cached_prefix_stays_the_same_between_removals() {
        try (LoopHarness h = new LoopHarness(home, TestTools.camera("camera"))) {
            h.settings.model(CLIENT_PRUNED_MODEL).keepScreenshots(3).screenshotBatch(3);
            for (int i = 1; i <= 7; i++) {
                h.server.reply(SseScript.reply().toolUse("toolu_" + i, "camera", "{}").end("tool_use"));
            }
            h.server.reply(SseScript.reply().text("seen enough").end("end_turn"));

            h.loop().run("look seven times");

            // Request i is sent with i screenshots in the conversation; the 3 oldest go once 3 are beyond the newest 3.
            for (int i = 1; i <= 7; i++) {
                List<String> before = messagesOf(h.server.request(i - 1).body());
                List<String> now = messagesOf(h.server.request(i).body());
                boolean prefixKept = now.subList(0, before.size()).equals(before);
                assertThat(prefixKept).as("request " + i + " keeps the previous request as its prefix").isEqualTo(i != 6);
            }
            String last = h.server.request(7).body().toString();
            assertThat(last.split(java.util.regex.Pattern.quote(ScreenshotPruner.PLACEHOLDER), -1)).hasSize(4);
            assertThat(h.events.of(AgentEvent.Notice.class)).filteredOn(n -> n.message().startsWith("Removed 3 old screenshot(s)")).hasSize(1);
        }
    }

    @Test
    void a_model_that_binds_thinking_to_the_history_gets_it_append_only_and_the_api_clears_old_results() {
        try (LoopHarness h = new LoopHarness(home, TestTools.camera("camera"))) {
            h.settings.model("claude-sonnet-5-5").keepScreenshots(3).screenshotBatch(3);
            for (int i = 1; i <= 7; i++) {
                h.server.reply(SseScript.reply().thinking("sig-" + i, "looking again").toolUse("toolu_" + i, "camera", "{}").end("tool_use"));
            }
            h.server.reply(SseScript.reply().text("seen enough").end("end_turn"));

            h.loop().run("look seven times");

            for (int i = 1; i <= 7; i++) {
                List<String> before = messagesOf(h.server.request(i - 1).body());
                List<String> now = messagesOf(h.server.request(i).body());
                assertThat(now.subList(0, before.size())).as("request " + i + " only appends to the previous one").isEqualTo(before);
            }
            JsonNode last = h.server.request(7).body();
            assertThat(last.toString()).doesNotContain(ScreenshotPruner.PLACEHOLDER);
            JsonNode edit = last.path("context_management").path("edits").get(0);
            assertThat(edit.path("type").asText()).isEqualTo("clear_tool_uses_20250919");
            // Cleared by the API at 80% of the 1M-token window, the newest 3 calls kept.
            assertThat(edit.path("trigger").path("type").asText()).isEqualTo("input_tokens");
            assertThat(edit.path("trigger").path("value").asLong()).isEqualTo(800_000);
            assertThat(edit.path("keep").path("value").asLong()).isEqualTo(3);
            assertThat(h.server.request(7).header("anthropic-beta")).contains("context-management-2025-06-27");
            assertThat(h.events.of(AgentEvent.Notice.class)).noneMatch(n -> n.message().startsWith("Removed"));
        }
    }
}
