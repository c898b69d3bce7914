package dev.agentstream.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolDeclarationsTest {

    private static final JsonNode SCHEMA = EventJson.mapper().createObjectNode().put("type", "object");

    private static final List<ToolSpec> SPECS = List.of(
            new ToolSpec("bash", "shell", SCHEMA, Optional.of("bash_20250124")),
            new ToolSpec("str_replace_based_edit_tool", "editor", SCHEMA, Optional.of("text_editor_20250728")),
            new ToolSpec("computer", "screen", SCHEMA, Optional.of("computer_20250124")),
            new ToolSpec("find", "search files", SCHEMA, Optional.empty()));

    @Test
    void built_in_tools_are_declared_as_their_anthropic_types_with_the_computer_use_beta() {
        ToolDeclarations tools = ToolDeclarations.of(SPECS, row("claude-haiku-4-5"), 1280, 800);

        assertThat(tools.declarations()).extracting(ToolDeclarations.Declaration::type)
                .containsExactly("bash_20250124", "text_editor_20250728", "computer_20250124", "custom");
        assertThat(tools.betas()).containsExactly("computer-use-2025-01-24");
        String json = EventJson.mapper().valueToTree(tools.tools(true)).toString();
        assertThat(json).contains("\"display_width_px\":1280", "\"display_height_px\":800", "\"name\":\"find\"", "\"input_schema\"");
    }

    @Test
    void opus_4_5_gets_the_newer_computer_tool_and_claude_3_the_older_editor() {
        ToolDeclarations opus = ToolDeclarations.of(SPECS, row("claude-opus-4-5-20251101"), 1024, 768);
        assertThat(opus.declarations().get(2).type()).isEqualTo("computer_20251124");
        assertThat(opus.betas()).containsExactly("computer-use-2025-11-24");

        ToolDeclarations sonnet37 = ToolDeclarations.of(SPECS, row("claude-3-7-sonnet-latest"), 1024, 768);
        assertThat(sonnet37.declarations().get(1).declaredName()).isEqualTo("str_replace_editor");
        assertThat(sonnet37.registryName("str_replace_editor")).isEqualTo("str_replace_based_edit_tool");
    }

    @Test
    void a_model_whose_computer_built_in_agentstream_cannot_declare_gets_it_as_a_custom_tool_without_the_beta() {
        ToolDeclarations sonnet55 = ToolDeclarations.of(SPECS, row("claude-sonnet-5-5"), 1024, 768);
        assertThat(sonnet55.declarations().get(2).type()).isEqualTo("custom");
        assertThat(sonnet55.betas()).isEmpty();
    }

    private static ModelProfile row(String model) {
        return ModelCatalog.builtIn().find(model).orElseThrow();
    }

    @Test
    void a_built_in_type_under_another_name_is_declared_as_a_custom_tool() {
        ToolDeclarations tools = ToolDeclarations.of(List.of(new ToolSpec("shell", "x", SCHEMA, Optional.of("bash_20250124"))), row("claude-haiku-4-5"), 1, 1);
        assertThat(tools.declarations().get(0).type()).isEqualTo("custom");
    }
}
