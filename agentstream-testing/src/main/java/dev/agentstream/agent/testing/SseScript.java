package dev.agentstream.agent.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One scripted model reply in the Messages streaming wire format (server-sent events): message_start,
 * content blocks with their deltas, message_delta with usage, message_stop; plus pings, pauses, waits,
 * error events and a dropped connection, to play the ways a real stream behaves and breaks.
 */
public final class SseScript {

    sealed interface Step permits Event, Pause, Await, Drop {}

    record Event(String name, ObjectNode data) implements Step {
        String wire() {
            return "event: " + name + "\ndata: " + data + "\n\n";
        }
    }

    record Pause(Duration duration) implements Step {}

    record Await(BooleanSupplier condition, Duration timeout) implements Step {}

    /** The connection breaks here, mid-stream. */
    record Drop() implements Step {}

    private final List<Step> steps = new ArrayList<>();
    private int nextIndex;
    private long outputTokens = 1;

    private SseScript() {}

    /** A reply that starts with message_start reporting these input and cache tokens. */
    public static SseScript reply(long inputTokens, long cacheRead, long cacheWrite) {
        SseScript script = new SseScript();
        ObjectNode message = json().put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", "claude-fake");
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1)
                .put("cache_read_input_tokens", cacheRead).put("cache_creation_input_tokens", cacheWrite);
        ObjectNode start = json().put("type", "message_start");
        start.set("message", message);
        return script.event("message_start", start);
    }

    public static SseScript reply() {
        return reply(100, 0, 0);
    }

    /** A text block streamed in these pieces. */
    public SseScript text(String... pieces) {
        int index = nextIndex++;
        ObjectNode start = json().put("type", "content_block_start").put("index", index);
        start.putObject("content_block").put("type", "text").put("text", "");
        event("content_block_start", start);
        for (String piece : pieces) {
            delta(index, json().put("type", "text_delta").put("text", piece));
        }
        return stopBlock(index);
    }

    /** A thinking block: the thinking in pieces, then its signature. */
    public SseScript thinking(String signature, String... pieces) {
        int index = nextIndex++;
        ObjectNode start = json().put("type", "content_block_start").put("index", index);
        start.putObject("content_block").put("type", "thinking").put("thinking", "").put("signature", "");
        event("content_block_start", start);
        for (String piece : pieces) {
            delta(index, json().put("type", "thinking_delta").put("thinking", piece));
        }
        delta(index, json().put("type", "signature_delta").put("signature", signature));
        return stopBlock(index);
    }

    /** A tool_use block whose input JSON arrives in {@code pieces} input_json_delta events. */
    public SseScript toolUse(String id, String name, String inputJson, int pieces) {
        return toolUse(null, id, name, inputJson, pieces);
    }

    /** A call to a member of a toolset: a tool_use block that carries {@code toolset_name} (e.g. computer's left_click). */
    public SseScript toolsetUse(String toolset, String id, String member, String inputJson) {
        return toolUse(toolset, id, member, inputJson, 3);
    }

    private SseScript toolUse(String toolset, String id, String name, String inputJson, int pieces) {
        int index = nextIndex++;
        ObjectNode start = json().put("type", "content_block_start").put("index", index);
        ObjectNode block = start.putObject("content_block").put("type", "tool_use").put("id", id).put("name", name);
        if (toolset != null) block.put("toolset_name", toolset);
        block.putObject("input");
        event("content_block_start", start);
        int size = Math.max(1, (int) Math.ceil(inputJson.length() / (double) Math.max(1, pieces)));
        for (int at = 0; at < inputJson.length(); at += size) {
            delta(index, json().put("type", "input_json_delta").put("partial_json", inputJson.substring(at, Math.min(inputJson.length(), at + size))));
        }
        return stopBlock(index);
    }

    public SseScript toolUse(String id, String name, String inputJson) {
        return toolUse(id, name, inputJson, 3);
    }

    public SseScript ping() {
        return event("ping", json().put("type", "ping"));
    }

    public SseScript pause(Duration duration) {
        steps.add(new Pause(duration));
        return this;
    }

    /** Holds the stream until {@code condition} holds (or the timeout passes): to prove what happened mid-stream. */
    public SseScript awaitUntil(BooleanSupplier condition, Duration timeout) {
        steps.add(new Await(condition, timeout));
        return this;
    }

    /** An error event inside a stream that had started fine, e.g. overloaded_error. */
    public SseScript error(String type, String message) {
        ObjectNode error = json().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return event("error", error);
    }

    /** The connection breaks here: the body ends short of its announced length. */
    public SseScript drop() {
        steps.add(new Drop());
        return this;
    }

    public SseScript outputTokens(long tokens) {
        this.outputTokens = tokens;
        return this;
    }

    /** message_delta (stop reason, output tokens) and message_stop. */
    public SseScript end(String stopReason) {
        ObjectNode delta = json().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", outputTokens);
        event("message_delta", delta);
        return event("message_stop", json().put("type", "message_stop"));
    }

    public SseScript event(String name, ObjectNode data) {
        steps.add(new Event(name, data));
        return this;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    boolean drops() {
        return steps.stream().anyMatch(s -> s instanceof Drop);
    }

    private SseScript delta(int index, ObjectNode delta) {
        ObjectNode event = json().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event("content_block_delta", event);
    }

    private SseScript stopBlock(int index) {
        return event("content_block_stop", json().put("type", "content_block_stop").put("index", index));
    }

    private static ObjectNode json() {
        return EventJson.mapper().createObjectNode();
    }
}
