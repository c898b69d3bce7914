package dev.agentstream.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;

/**
 * The wire form of agent events, one JSON object each, in the style of {@link EventJson}: model events
 * carry the turn ({@code {"type":"text","turn":1,"delta":"Hel"}}), and a tool's own events are exactly
 * {@link EventJson}'s, their {@code call} being the tool_use id. Types: session_start, turn_start, text,
 * thinking, tool_use, started, output, progress, image, result, error, screenshot, usage, turn_end, retry,
 * notice, session_end.
 */
public final class AgentEventJson {

    private AgentEventJson() {}

    public static ObjectNode toJson(AgentEvent event) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        switch (event) {
            case AgentEvent.SessionStarted s -> json.put("type", "session_start").put("session", s.sessionId())
                    .put("model", s.model()).put("resumed", s.resumed()).put("transcript", s.transcript().toString());
            case AgentEvent.TurnStarted t -> json.put("type", "turn_start").put("turn", t.turn());
            case AgentEvent.TextDelta t -> json.put("type", "text").put("turn", t.turn()).put("delta", t.text());
            case AgentEvent.ThinkingDelta t -> json.put("type", "thinking").put("turn", t.turn()).put("delta", t.text());
            case AgentEvent.ToolUse u -> {
                json.put("type", "tool_use").put("turn", u.turn()).put("id", u.id()).put("name", u.name());
                json.set("input", u.input());
                json.put("summary", u.summary());
            }
            case AgentEvent.Tool t -> {
                return EventJson.toJson(t.event());
            }
            case AgentEvent.ScreenshotSaved s -> json.put("type", "screenshot").put("call", s.callId()).put("path", s.path().toString());
            case AgentEvent.Usage u -> {
                json.put("type", "usage").put("turn", u.turn());
                putUsage(json, u.turnUsage());
                json.put("estimated_cost_usd", u.turnCostUsd());
                putUsage(json.putObject("session"), u.sessionUsage()).put("estimated_cost_usd", u.sessionCostUsd());
            }
            case AgentEvent.TurnEnded t -> json.put("type", "turn_end").put("turn", t.turn()).put("stop_reason", t.stopReason());
            case AgentEvent.Retrying r -> json.put("type", "retry").put("turn", r.turn()).put("attempt", r.attempt())
                    .put("max_retries", r.maxRetries()).put("delay_ms", r.delayMs()).put("reason", r.reason());
            case AgentEvent.Notice n -> json.put("type", "notice").put("message", n.message());
            case AgentEvent.SessionEnded e -> {
                json.put("type", "session_end").put("session", e.sessionId()).put("reason", e.reason().wireName())
                        .put("detail", e.detail()).put("turns", e.turns()).put("transcript", e.transcript().toString());
                putUsage(json.putObject("usage"), e.usage());
            }
        }
        return json;
    }

    public static ObjectNode putUsage(ObjectNode json, TokenUsage usage) {
        return json.put("input_tokens", usage.input()).put("output_tokens", usage.output())
                .put("cache_read_input_tokens", usage.cacheRead()).put("cache_creation_input_tokens", usage.cacheWrite());
    }

    public static TokenUsage readUsage(com.fasterxml.jackson.databind.JsonNode json) {
        return new TokenUsage(json.path("input_tokens").asLong(), json.path("output_tokens").asLong(),
                json.path("cache_read_input_tokens").asLong(), json.path("cache_creation_input_tokens").asLong());
    }
}
