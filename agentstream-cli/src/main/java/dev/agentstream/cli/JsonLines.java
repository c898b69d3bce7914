package dev.agentstream.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * NDJSON: one JSON object per line, flushed as it happens, so a reader sees each event the moment it occurs.
 * Each object is written by a UTF-8 generator straight into {@code out} (no JSON string in between), so a
 * large output event costs one pass of escaping, and the line is flushed once, after its newline. Write
 * errors are left to {@code out}, which records them for {@link PrintStream#checkError()} as it does for text.
 */
final class JsonLines {

    private final JsonGenerator generator;
    /** Flushing is this class's business: once per line, not once per object and again for its newline. */
    private final ObjectWriter writer = EventJson.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    JsonLines(PrintStream out) {
        try {
            this.generator = EventJson.mapper().createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to stdout", e);
        }
        generator.setRootValueSeparator(null);
    }

    synchronized void print(JsonNode json) {
        try {
            writer.writeValue(generator, json);
            generator.writeRaw('\n');
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
