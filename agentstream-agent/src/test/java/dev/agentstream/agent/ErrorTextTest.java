package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.anthropic.errors.AnthropicInvalidDataException;
import dev.agentstream.agent.model.RetryPolicy;
import dev.agentstream.core.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorTextTest {

    @TempDir
    Path home;

    @Test
    void json_that_does_not_parse_is_told_without_jacksons_internals() {
        Throwable parse = catchThrowable(() -> EventJson.mapper().readTree("{\"a\": tru"));
        assertThat(parse.getMessage()).contains("[Source:");

        String sentence = RetryPolicy.describe(new AnthropicInvalidDataException("Error reading response", parse));

        assertThat(sentence).startsWith("The request to the API failed (").endsWith(").").doesNotContain("Source", "\n", "REDACTED", "StreamReadFeature");
        assertThat(sentence).contains("tru");
    }

    @Test
    void a_broken_config_file_is_one_sentence() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"model\": ");
        Throwable error = catchThrowable(() -> SettingsLoader.load(Map.of("AGENTSTREAM_HOME", home.toString(), "ANTHROPIC_API_KEY", "k")));
        assertThat(error).isInstanceOf(AgentConfigException.class);
        assertThat(error.getMessage()).doesNotContain("Source", "\n").endsWith("fix the JSON or delete the file.");
    }
}
