package dev.agentstream.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolDeclarationsTest {

    /** The SDK's own mapper: it writes the request body. */
    private static final com.fasterxml.jackson.databind.ObjectMapper SDK_JSON = com.anthropic.core.ObjectMappers.jsonMapper();
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
    void claude_5_5_gets_the_computer_toolset_entry_with_no_name_display_size_or_beta() throws Exception {
        ToolDeclarations sonnet55 = ToolDeclarations.of(SPECS, row("claude-sonnet-5-5"), 1024, 768);
        assertThat(sonnet55.declarations().get(2).type()).isEqualTo("computer_toolset_20260801");
        assertThat(sonnet55.betas()).isEmpty();
        JsonNode tools = SDK_JSON.valueToTree(sonnet55.tools(false));
        assertThat(tools.get(2)).isEqualTo(EventJson.mapper().readTree("{\"type\":\"computer_toolset_20260801\"}"));
        // As the last tool it carries the breakpoint that caches the tool list.
        JsonNode last = SDK_JSON.valueToTree(ToolDeclarations.of(SPECS.subList(0, 3), row("claude-sonnet-5-5"), 1024, 768).tools(true));
        assertThat(last.get(2)).isEqualTo(EventJson.mapper().readTree("{\"type\":\"computer_toolset_20260801\",\"cache_control\":{\"type\":\"ephemeral\"}}"));
    }

    @Test
    void toolset_members_the_computer_tool_does_not_list_are_sent_disabled() throws Exception {
        JsonNode schema = EventJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"action\":{\"enum\":"
                + "[\"screenshot\",\"left_click\",\"type\",\"key\",\"mouse_move\",\"scroll\",\"wait\",\"cursor_position\",\"double_click\","
                + "\"right_click\",\"middle_click\",\"triple_click\",\"left_click_drag\",\"left_mouse_down\",\"left_mouse_up\",\"hold_key\"]}}}");
        ToolDeclarations tools = ToolDeclarations.of(List.of(new ToolSpec("computer", "screen", schema, Optional.of("computer_20250124"))),
                row("claude-opus-5-5"), 1024, 768);
        JsonNode entry = SDK_JSON.valueToTree(tools.tools(false)).get(0);
        assertThat(entry).isEqualTo(EventJson.mapper().readTree(
                "{\"type\":\"computer_toolset_20260801\",\"configs\":{\"zoom\":{\"enabled\":false}}}"));
    }

    @Test
    void a_member_call_is_routed_to_the_computer_tool_with_its_action() throws Exception {
        ToolDeclarations tools = ToolDeclarations.of(SPECS, row("claude-sonnet-5-5"), 1024, 768);
        ToolDeclarations.RoutedCall click = tools.route(member("left_click", "{\"coordinate\":[5,6],\"text\":\"shift\"}"));
        assertThat(click.registryName()).isEqualTo("computer");
        assertThat(click.input()).isEqualTo(EventJson.mapper().readTree("{\"coordinate\":[5,6],\"text\":\"shift\",\"action\":\"left_click\"}"));
        assertThat(click.error()).isEmpty();

        ToolDeclarations.RoutedCall tabs = tools.route(member("key", "{\"text\":\"Tab\",\"repeat\":3}"));
        assertThat(tabs.input()).isEqualTo(EventJson.mapper().readTree("{\"text\":\"Tab Tab Tab\",\"action\":\"key\"}"));
        assertThat(tools.route(member("key", "{\"text\":\"Tab\",\"repeat\":101}")).error()).hasValueSatisfying(e ->
                assertThat(e).contains("'repeat' must be a whole number from 1 to 100", "nothing was pressed"));
        assertThat(tools.route(member("teleport", "{}")).error()).hasValueSatisfying(e -> assertThat(e).contains("'teleport' is not a member"));

        ToolDeclarations.RoutedCall browser = tools.route(new ToolUseBlock(0, "t", "navigate", EventJson.mapper().createObjectNode(),
                Optional.empty(), Optional.of("browser")));
        assertThat(browser.error()).hasValueSatisfying(e -> assertThat(e).contains("No toolset named 'browser'"));
        // A plain call is untouched.
        assertThat(tools.route(new ToolUseBlock(0, "t", "find", EventJson.mapper().createObjectNode(), Optional.empty())).registryName()).isEqualTo("find");
    }

    private static ToolUseBlock member(String name, String input) throws Exception {
        return new ToolUseBlock(0, "toolu_" + name, name, EventJson.mapper().readTree(input), Optional.empty(), Optional.of("computer"));
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
