package dev.agentstream.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** A request the fake server received: its path, headers (names in lower case) and JSON body. */
public record RecordedRequest(String path, Map<String, List<String>> headers, JsonNode body) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    public JsonNode messages() {
        return body.path("messages");
    }

    /** The last message of the request (what the loop just added). */
    public JsonNode lastMessage() {
        JsonNode messages = messages();
        return messages.get(messages.size() - 1);
    }
}
