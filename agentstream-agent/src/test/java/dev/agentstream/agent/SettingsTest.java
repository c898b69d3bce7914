package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void without_an_api_key_the_error_says_how_to_set_one() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("AGENTSTREAM_HOME", home.toString())).build())
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY")
                .hasMessageContaining("export");
    }

    @Test
    void the_config_file_fills_in_and_the_environment_overrides() throws Exception {
        Files.writeString(home.resolve("config.json"), """
                {"model": "claude-opus-4-5", "max_tokens": 9000, "max_turns": 7, "system": "Be brief.",
                 "thinking_budget": 2000, "keep_screenshots": 2, "display_width": 1280, "display_height": 800,
                 "base_url": "http://from-file", "api_key": "from-file"}""");

        AgentSettings settings = SettingsLoader.load(Map.of("AGENTSTREAM_HOME", home.toString(),
                "ANTHROPIC_API_KEY", "from-env", "ANTHROPIC_BASE_URL", "http://from-env")).build();

        assertThat(settings.model()).isEqualTo("claude-opus-4-5");
        assertThat(settings.maxTokens()).isEqualTo(9000);
        assertThat(settings.maxTurns()).isEqualTo(7);
        assertThat(settings.extraSystemPrompt()).isEqualTo("Be brief.");
        assertThat(settings.thinkingBudget()).isEqualTo(2000);
        assertThat(settings.keepScreenshots()).isEqualTo(2);
        assertThat(settings.displayWidth()).isEqualTo(1280);
        assertThat(settings.apiKey()).isEqualTo("from-env");
        assertThat(settings.baseUrl()).contains("http://from-env");
        assertThat(settings.home().sessionsDir()).isEqualTo(home.resolve("sessions"));
    }

    @Test
    void a_mistyped_config_key_is_named() throws Exception {
        Files.writeString(home.resolve("config.json"), "{\"modle\": \"x\"}");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of("AGENTSTREAM_HOME", home.toString())))
                .isInstanceOf(AgentConfigException.class).hasMessageContaining("\"modle\"");
    }

    @Test
    void the_thinking_budget_must_fit_under_max_tokens() {
        assertThatThrownBy(() -> AgentSettings.builder().apiKey("k").maxTokens(2000).thinkingBudget(4000).build())
                .isInstanceOf(AgentConfigException.class).hasMessageContaining("max_tokens (2000)");
        assertThatThrownBy(() -> AgentSettings.builder().apiKey("k").thinkingBudget(100).build())
                .isInstanceOf(AgentConfigException.class).hasMessageContaining("1024");
        assertThat(AgentSettings.builder().apiKey("k").build().thinkingEnabled()).isFalse();
    }

    @Test
    void a_wrong_setting_is_named_structurally_so_each_front_door_words_it() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class,
                () -> AgentSettings.builder().apiKey("k").maxTokens(2000).thinkingBudget(4000).build());

        assertThat(e.setting()).contains(AgentConfigException.Setting.THINKING_BUDGET);
        assertThat(e.getMessage()).isEqualTo("thinking_budget (4000) must be below max_tokens (2000); raise max_tokens or lower the budget.");
        assertThat(e.message(setting -> "<" + setting.name() + ">"))
                .isEqualTo("<THINKING_BUDGET> (4000) must be below <MAX_TOKENS> (2000); raise <MAX_TOKENS> or lower the budget.");
    }

    @Test
    void no_settings_problem_names_a_command_line_flag() {
        List<AgentSettings.Builder> wrong = List.of(
                AgentSettings.builder().apiKey("k").model(" "),
                AgentSettings.builder().apiKey("k").maxTokens(0),
                AgentSettings.builder().apiKey("k").maxTurns(0),
                AgentSettings.builder().apiKey("k").thinkingBudget(-1),
                AgentSettings.builder().apiKey("k").thinkingBudget(100),
                AgentSettings.builder().apiKey("k").effort("extreme"),
                AgentSettings.builder().apiKey("k").keepScreenshots(-1),
                AgentSettings.builder().apiKey("k").screenshotBatch(0));
        for (AgentSettings.Builder settings : wrong) {
            AgentConfigException e = catchThrowableOfType(AgentConfigException.class, settings::build);
            assertThat(e.setting()).as(e.getMessage()).isPresent();
            assertThat(e.getMessage()).doesNotContain("--").contains(e.setting().get().key());
        }
    }
}
