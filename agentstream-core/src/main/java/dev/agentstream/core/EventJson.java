package dev.agentstream.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;

/**
 * The one wire form of events, the same everywhere (CLI --json as NDJSON, SSE, event logs):
 * {@code {"type":"output","call":"c1","stream":"stdout","text":"...","t":12}}. Types: started, output,
 * progress, image, result, error.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = InputLimits.applyTo(new ObjectMapper());

    private EventJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode toJson(ToolEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        switch (event) {
            case ToolEvent.Started s -> {
                json.put("type", "started").put("call", s.callId()).put("t", s.t()).put("tool", s.toolName());
            }
            case ToolEvent.Output o -> {
                json.put("type", "output").put("call", o.callId()).put("t", o.t())
                        .put("stream", o.stream()).put("text", o.text());
            }
            case ToolEvent.Progress p -> {
                json.put("type", "progress").put("call", p.callId()).put("t", p.t()).put("message", p.message());
                if (p.fraction().isPresent()) json.put("fraction", p.fraction().getAsDouble());
                else json.putNull("fraction");
                ObjectNode counters = json.putObject("counters");
                p.counters().forEach(counters::put);
            }
            case ToolEvent.Image i -> {
                json.put("type", "image").put("call", i.callId()).put("t", i.t()).put("mediaType", i.mediaType())
                        .put("width", i.width()).put("height", i.height())
                        .put("data", Base64.getEncoder().encodeToString(i.bytes()));
                json.set("meta", MAPPER.valueToTree(i.metadata()));
            }
            case ToolEvent.Completed c -> {
                json.put("type", "result").put("call", c.callId()).put("t", c.t());
                putResult(json, c.result());
            }
            case ToolEvent.Failed f -> {
                json.put("type", "error").put("call", f.callId()).put("t", f.t())
                        .put("message", f.error().message()).put("exception", f.error().exceptionType());
            }
        }
        return json;
    }

    public static void putResult(ObjectNode json, ToolResult result) {
        json.put("isError", result.isError());
        ArrayNode content = json.putArray("content");
        for (ContentBlock block : result.content()) {
            switch (block) {
                case ContentBlock.Text t -> content.addObject().put("type", "text").put("text", t.text());
                case ContentBlock.ImageData i -> content.addObject().put("type", "image")
                        .put("mediaType", i.mediaType()).put("data", i.base64());
            }
        }
        ObjectNode meta = json.putObject("meta");
        for (Map.Entry<String, Object> e : result.metadata().entrySet()) {
            meta.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
    }
}
