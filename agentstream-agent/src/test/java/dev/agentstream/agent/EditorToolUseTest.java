package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.tools.edit.EditTool;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorToolUseTest {

    @TempDir
    Path home;

    @Test
    void the_editor_is_the_built_in_text_editor_and_its_edits_land_on_disk() throws Exception {
        Path file = home.resolve("notes.txt");
        String path = BashToolUseTest.EventJsonString.of(file.toString());
        try (LoopHarness h = new LoopHarness(home, new EditTool())) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "str_replace_based_edit_tool", "{\"command\":\"create\",\"path\":" + path + ",\"file_text\":\"hello\\nworld\\n\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_2", "str_replace_based_edit_tool", "{\"command\":\"str_replace\",\"path\":" + path + ",\"old_str\":\"world\",\"new_str\":\"there\"}")
                    .end("tool_use"));
            h.server.reply(SseScript.reply().text("Edited.").end("end_turn"));

            AgentOutcome outcome = h.loop().run("write a note");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(Files.readString(file)).isEqualTo("hello\nthere\n");
            JsonNode tool = h.server.request(0).body().path("tools").get(0);
            assertThat(tool.path("type").asText()).isEqualTo("text_editor_20250728");
            assertThat(tool.path("name").asText()).isEqualTo("str_replace_based_edit_tool");
            JsonNode result = h.server.request(2).lastMessage().path("content").get(0);
            assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_2");
            assertThat(result.has("is_error")).isFalse();
        }
    }
}
