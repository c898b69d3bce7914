package dev.agentstream.agent.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentstream.agent.TokenUsage;
import java.util.List;

/** One finished model reply: its content blocks as the API's JSON, the tool calls in order, why it stopped, what it cost. */
public record AssembledTurn(ArrayNode content, List<ToolUseBlock> toolUses, String stopReason, TokenUsage usage) {}
