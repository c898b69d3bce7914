package dev.agentstream.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agentstream.core.EventJson;
import dev.agentstream.core.ToolEvent;
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

    private final PrintStream out;
    private final JsonGenerator generator;
    private final Utf8JsonText outputLine = new Utf8JsonText();
    /** Flushing is this class's business: once per line, not once per object and again for its newline. */
    private final ObjectWriter writer = EventJson.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    JsonLines(PrintStream out) {
        this.out = out;
        try {
            this.generator = EventJson.mapper().createGenerator(out)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to stdout", e);
        }
        generator.setRootValueSeparator(null);
    }

    /**
     * Writes an output event as {@link EventJson#toJson} would, byte for byte, without building the JSON tree
     * or escaping its text char by char (nor encoding it, when the event carries its UTF-8); false (nothing
     * written) when its strings hold a surrogate, which {@link #print(JsonNode)} then writes.
     */
    synchronized boolean printOutput(ToolEvent.Output output) {
        Utf8JsonText line = outputLine;
        line.clear();
        line.ascii("{\"type\":\"output\",\"call\":");
        if (!line.quoted(output.callId())) return false;
        line.ascii(",\"t\":").number(output.t()).ascii(",\"stream\":");
        if (!line.quoted(output.stream())) return false;
        line.ascii(",\"text\":");
        byte[] utf8 = output.utf8(); // the text is not asked for when the bytes serve: a chunk of ASCII bytes makes it only then
        if (!(utf8 != null ? line.quotedUtf8WithoutSurrogates(utf8) : line.quoted(output.text()))) return false;
        line.ascii("}\n");
        out.write(line.bytes(), 0, line.length());
        out.flush();
        return true;
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
