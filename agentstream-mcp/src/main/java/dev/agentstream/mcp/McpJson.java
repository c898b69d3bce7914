package dev.agentstream.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentstream.core.InputLimits;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;

/**
 * The SDK's JSON mapper (Jackson 2, the one Jackson the project ships) with the tool-input string limit set
 * explicitly, the same limit the CLI and the agent parse with, rather than whatever the parser's default is;
 * in front of it, the fast path for a client's connect ({@link InitializeFastPath}).
 */
final class McpJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(InputLimits.MAX_STRING_CHARS).build())
            .build();

    /** One for the process: a mapper caches the (de)serializers it builds, so every server after the first starts warm. */
    private static final McpJsonMapper SHARED = new InitializeFastPath(McpJson::jackson, FACTORY);

    /** Made on first use: an ObjectMapper's own start (its date formats look up locale data) is not needed to connect. */
    private static final class Jackson {
        static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(new ObjectMapper(FACTORY));
    }

    private McpJson() {}

    static McpJsonMapper mapper() {
        return SHARED;
    }

    /** The parser and generator factory the mapper uses, with its limits. */
    static JsonFactory factory() {
        return FACTORY;
    }

    /** The Jackson mapper behind {@link #mapper()}, without the fast path. */
    static McpJsonMapper jackson() {
        return Jackson.MAPPER;
    }
}
