package dev.agentstream.agent.model;

import com.anthropic.models.beta.messages.BetaCacheControlEphemeral;
import com.anthropic.models.beta.messages.BetaComputerToolset20260801;
import com.anthropic.models.beta.messages.BetaComputerToolsetConfigs;
import com.anthropic.models.beta.messages.BetaToolUnion;
import com.anthropic.core.ObjectMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's computer use toolset ({@code computer_toolset_20260801}, the only way Claude 5.5 models take computer use
 * on the Claude API): one {@code tools} entry with no name and no display size stands for 17 member tools. The model
 * calls a member by its name ({@code left_click}) with {@code "toolset_name": "computer"} and an input without
 * {@code action}; every result for it must echo {@code toolset_name}. agentstream runs all members with its one
 * {@code computer} tool, whose input names the action, so a member call becomes a computer call with
 * {@code action} set to the member (see https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool).
 */
public final class ComputerToolset {

    public static final String TYPE = "computer_toolset_20260801";
    /** The {@code toolset_name} the model's member calls carry and every result must echo. */
    public static final String NAME = "computer";
    /** The members of this toolset version, as the docs' "Available actions" table lists them. */
    public static final List<String> MEMBERS = List.of("screenshot", "zoom", "left_click", "right_click", "middle_click",
            "double_click", "triple_click", "left_click_drag", "mouse_move", "left_mouse_down", "left_mouse_up",
            "cursor_position", "scroll", "type", "key", "hold_key", "wait");
    /** The toolset's {@code key} presses its key {@code repeat} times, 1 to 100. */
    static final int MAX_REPEAT = 100;

    private ComputerToolset() {}

    /**
     * The toolset entry. Members the computer tool cannot run (its schema's {@code action} enum leaves them out) are
     * sent as disabled, so the model is never offered an action that would only fail; all are enabled when the schema
     * does not list its actions.
     */
    static BetaToolUnion declaration(JsonNode computerSchema, Optional<BetaCacheControlEphemeral> cache) {
        BetaComputerToolset20260801.Builder entry = BetaComputerToolset20260801.builder();
        List<String> disabled = disabledMembers(computerSchema);
        if (!disabled.isEmpty()) {
            Map<String, Map<String, Boolean>> configs = new java.util.LinkedHashMap<>();
            for (String member : disabled) configs.put(member, Map.of("enabled", false));
            entry.configs(ObjectMappers.jsonMapper().convertValue(configs, BetaComputerToolsetConfigs.class));
        }
        cache.ifPresent(entry::cacheControl);
        return BetaToolUnion.ofComputerToolset20260801(entry.build());
    }

    static List<String> disabledMembers(JsonNode computerSchema) {
        JsonNode actions = computerSchema.path("properties").path("action").path("enum");
        if (!actions.isArray() || actions.isEmpty()) return List.of();
        Set<String> offered = new LinkedHashSet<>();
        actions.forEach(a -> offered.add(a.asText()));
        List<String> disabled = new ArrayList<>();
        for (String member : MEMBERS) if (!offered.contains(member)) disabled.add(member);
        return disabled;
    }

    /** The computer tool's input for a member call, or why the call cannot run (one sentence for the model). */
    record MemberInput(JsonNode input, Optional<String> error) {}

    static MemberInput input(String member, JsonNode memberInput) {
        if (!MEMBERS.contains(member)) {
            return new MemberInput(memberInput, Optional.of("'" + member + "' is not a member of " + TYPE
                    + " that agentstream runs; use one of: " + String.join(", ", MEMBERS) + "."));
        }
        ObjectNode input = memberInput.isObject() ? ((ObjectNode) memberInput).deepCopy() : EventJson.mapper().createObjectNode();
        input.put("action", member);
        if (member.equals("key") && input.has("repeat")) {
            JsonNode repeat = input.remove("repeat");
            if (!repeat.canConvertToExactIntegral() || repeat.asInt() < 1 || repeat.asInt() > MAX_REPEAT) {
                return new MemberInput(input, Optional.of("'repeat' must be a whole number from 1 to " + MAX_REPEAT + ", got " + repeat
                        + "; nothing was pressed."));
            }
            // The computer tool presses a space-separated sequence of keys in order: the key, repeat times.
            String key = input.path("text").asText("").strip();
            if (!key.isEmpty()) input.put("text", String.join(" ", java.util.Collections.nCopies(repeat.asInt(), key)));
        }
        return new MemberInput(input, Optional.empty());
    }
}
