package dev.agentstream.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.EventJson;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** NDJSON: one JSON object per line, flushed as it happens, so a reader sees each event the moment it occurs. */
final class JsonLines {

    private final PrintStream out;

    JsonLines(PrintStream out) {
        this.out = out;
    }

    synchronized void print(JsonNode json) {
        try {
            out.print(EventJson.mapper().writeValueAsString(json));
            out.print('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
