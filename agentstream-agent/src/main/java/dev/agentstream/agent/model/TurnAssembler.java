package dev.agentstream.agent.model;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.beta.messages.BetaMessageDeltaUsage;
import com.anthropic.models.beta.messages.BetaRawContentBlockDelta;
import com.anthropic.models.beta.messages.BetaRawContentBlockStartEvent;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.BetaUsage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.core.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns one streamed reply back into a message, event by event: text and thinking deltas are passed on as
 * they arrive, tool input is collected from its input_json_delta pieces, and a tool_use is handed over the
 * moment its content_block_stop arrives, so the call can start while the model is still writing.
 * Thinking signatures are kept, because the next request must send thinking blocks back unchanged.
 */
public final class TurnAssembler {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final int turn;
    private final AgentListener listener;
    private final Consumer<ToolUseBlock> onToolUse;
    private final TreeMap<Integer, BlockBuilder> open = new TreeMap<>();
    private final TreeMap<Integer, ObjectNode> finished = new TreeMap<>();
    private final List<ToolUseBlock> toolUses = new ArrayList<>();
    private long inputTokens;
    private long outputTokens;
    private long cacheRead;
    private long cacheWrite;
    private String stopReason;
    private boolean started;
    private boolean stopped;

    public TurnAssembler(int turn, AgentListener listener, Consumer<ToolUseBlock> onToolUse) {
        this.turn = turn;
        this.listener = listener;
        this.onToolUse = onToolUse;
    }

    public void accept(BetaRawMessageStreamEvent event) {
        if (event.isContentBlockDelta()) {
            var delta = event.asContentBlockDelta();
            delta((int) delta.index(), delta.delta());
        } else if (event.isContentBlockStart()) {
            var start = event.asContentBlockStart();
            open.put((int) start.index(), BlockBuilder.of(start.contentBlock()));
        } else if (event.isContentBlockStop()) {
            stop((int) event.asContentBlockStop().index());
        } else if (event.isMessageStart()) {
            started = true;
            BetaUsage usage = event.asMessageStart().message().usage();
            inputTokens = usage.inputTokens();
            outputTokens = usage.outputTokens();
            cacheRead = usage.cacheReadInputTokens().orElse(0L);
            cacheWrite = usage.cacheCreationInputTokens().orElse(0L);
        } else if (event.isMessageDelta()) {
            var delta = event.asMessageDelta();
            delta.delta().stopReason().ifPresent(reason -> stopReason = reason.asString());
            BetaMessageDeltaUsage usage = delta.usage();
            // Output tokens in message_delta are the running total for the reply, not an increment.
            outputTokens = usage.outputTokens();
            usage.inputTokens().ifPresent(n -> inputTokens = n);
            usage.cacheReadInputTokens().ifPresent(n -> cacheRead = n);
            usage.cacheCreationInputTokens().ifPresent(n -> cacheWrite = n);
        } else if (event.isMessageStop()) {
            stopped = true;
        }
    }

    private void delta(int index, BetaRawContentBlockDelta delta) {
        BlockBuilder block = open.get(index);
        if (block == null) return;
        if (delta.isText()) {
            String text = delta.asText().text();
            block.text.append(text);
            listener.accept(new AgentEvent.TextDelta(turn, text));
        } else if (delta.isInputJson()) {
            block.text.append(delta.asInputJson().partialJson());
        } else if (delta.isThinking()) {
            String thinking = delta.asThinking().thinking();
            block.text.append(thinking);
            listener.accept(new AgentEvent.ThinkingDelta(turn, thinking));
        } else if (delta.isSignature()) {
            block.signature = delta.asSignature().signature();
        }
    }

    private void stop(int index) {
        BlockBuilder block = open.remove(index);
        if (block == null) return;
        ObjectNode json = block.toJson();
        if (json == null) return;
        finished.put(index, json);
        if (block.kind == Kind.TOOL_USE) {
            ToolUseBlock use = block.toolUse(index);
            // The stored block must hold an object even when the model's input was broken, or the next request fails.
            json.set("input", use.input());
            toolUses.add(use);
            onToolUse.accept(use);
        }
    }

    /** True once message_stop arrived: only then is the reply whole. */
    public boolean complete() {
        return stopped;
    }

    public boolean startedMessage() {
        return started;
    }

    public AssembledTurn result() {
        ArrayNode content = JSON.createArrayNode();
        finished.values().forEach(content::add);
        return new AssembledTurn(content, List.copyOf(toolUses), stopReason == null ? "end_turn" : stopReason, usage());
    }

    /**
     * What arrived of a reply that was cut off: the finished blocks (tool calls only once their input was
     * whole) and any text still streaming, which the person already saw. Thinking still streaming is left
     * out: without its signature the API would refuse it.
     */
    public AssembledTurn partial() {
        TreeMap<Integer, ObjectNode> blocks = new TreeMap<>(finished);
        open.forEach((index, block) -> {
            if (block.kind == Kind.TEXT && !block.text.isEmpty()) blocks.put(index, block.toJson());
        });
        ArrayNode content = JSON.createArrayNode();
        blocks.values().forEach(content::add);
        return new AssembledTurn(content, List.copyOf(toolUses), "cancelled", usage());
    }

    public TokenUsage usage() {
        return new TokenUsage(inputTokens, outputTokens, cacheRead, cacheWrite);
    }

    private enum Kind { TEXT, THINKING, REDACTED_THINKING, TOOL_USE, OTHER }

    private static final class BlockBuilder {
        final Kind kind;
        final StringBuilder text = new StringBuilder();
        String signature;
        String id;
        String name;
        /** The toolset_name of a toolset member's call, which the conversation must keep on the block. */
        String toolset;
        JsonNode initialInput;
        JsonNode raw;

        private BlockBuilder(Kind kind) {
            this.kind = kind;
        }

        static BlockBuilder of(BetaRawContentBlockStartEvent.ContentBlock block) {
            if (block.isText()) {
                BlockBuilder b = new BlockBuilder(Kind.TEXT);
                b.text.append(block.asText().text());
                return b;
            }
            if (block.isThinking()) {
                BlockBuilder b = new BlockBuilder(Kind.THINKING);
                b.text.append(block.asThinking().thinking());
                String signature = block.asThinking().signature();
                b.signature = signature == null || signature.isEmpty() ? null : signature;
                return b;
            }
            if (block.isRedactedThinking()) {
                BlockBuilder b = new BlockBuilder(Kind.REDACTED_THINKING);
                b.raw = JSON.createObjectNode().put("type", "redacted_thinking").put("data", block.asRedactedThinking().data());
                return b;
            }
            if (block.isToolUse()) {
                BlockBuilder b = new BlockBuilder(Kind.TOOL_USE);
                b.id = block.asToolUse().id();
                b.name = block.asToolUse().name();
                b.toolset = block.asToolUse().toolsetName().orElse(null);
                b.initialInput = ObjectMappers.jsonMapper().valueToTree(block.asToolUse()._input());
                return b;
            }
            // Blocks of server tools this loop never declares; kept as sent so the conversation stays whole.
            BlockBuilder b = new BlockBuilder(Kind.OTHER);
            b.raw = ObjectMappers.jsonMapper().valueToTree(block);
            return b;
        }

        ObjectNode toJson() {
            return switch (kind) {
                // The API refuses empty text blocks in a request, and they carry nothing.
                case TEXT -> text.isEmpty() ? null : JSON.createObjectNode().put("type", "text").put("text", text.toString());
                case THINKING -> {
                    ObjectNode node = JSON.createObjectNode().put("type", "thinking").put("thinking", text.toString());
                    node.put("signature", signature == null ? "" : signature);
                    yield node;
                }
                case REDACTED_THINKING, OTHER -> raw == null ? null : (ObjectNode) raw.deepCopy();
                case TOOL_USE -> {
                    ObjectNode node = JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
                    if (toolset != null) node.put("toolset_name", toolset);
                    yield node;
                }
            };
        }

        ToolUseBlock toolUse(int index) {
            ToolUseBlock use = parsedToolUse(index);
            return new ToolUseBlock(use.index(), use.id(), use.name(), use.input(), use.inputError(), Optional.ofNullable(toolset));
        }

        private ToolUseBlock parsedToolUse(int index) {
            String json = text.toString();
            if (json.isBlank()) {
                JsonNode input = initialInput != null && initialInput.isObject() ? initialInput : JSON.createObjectNode();
                return new ToolUseBlock(index, id, name, input, Optional.empty());
            }
            try {
                JsonNode input = JSON.readTree(json);
                if (input != null && input.isObject()) return new ToolUseBlock(index, id, name, input, Optional.empty());
                return new ToolUseBlock(index, id, name, JSON.createObjectNode(), Optional.of(
                        "The tool input must be a JSON object, got: " + abbreviate(json) + "; send the call again with an object."));
            } catch (JsonProcessingException e) {
                return new ToolUseBlock(index, id, name, JSON.createObjectNode(), Optional.of(
                        "The tool input was not complete JSON (" + e.getOriginalMessage() + "; it may have been cut off by max_tokens): "
                                + abbreviate(json) + " Send the call again, shorter if need be."));
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "...";
        }
    }
}
