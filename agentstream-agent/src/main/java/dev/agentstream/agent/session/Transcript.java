package dev.agentstream.agent.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.EventJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * One session's JSONL file: a line per message and per event, each written and flushed as it happens, so
 * the file is complete up to the last thing that happened even if the process is killed. Lines:
 * {@code {"kind":"session",...}} first, then {@code message}, {@code event} and {@code resumed} lines.
 */
public final class Transcript implements AutoCloseable {

    private final String id;
    private final Path file;
    private final List<ObjectNode> messages;
    private final BufferedWriter out;

    Transcript(String id, Path file, List<ObjectNode> messages) throws IOException {
        this.id = id;
        this.file = file;
        this.messages = List.copyOf(messages);
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public String id() {
        return id;
    }

    public Path file() {
        return file;
    }

    /** Where files of this session (screenshots) go. */
    public Path filesDir() {
        return file.resolveSibling(id);
    }

    /** The messages saved before this run (empty for a new session). */
    public List<ObjectNode> savedMessages() {
        return messages;
    }

    public void message(ObjectNode message) {
        ObjectNode line = line("message");
        line.set("message", message);
        write(line);
    }

    public void event(ObjectNode event) {
        ObjectNode line = line("event");
        line.set("event", event);
        write(line);
    }

    void header(String kind, String model) {
        ObjectNode line = line(kind).put("id", id).put("model", model).put("cwd", System.getProperty("user.dir"));
        write(line);
    }

    private static ObjectNode line(String kind) {
        return EventJson.mapper().createObjectNode().put("kind", kind).put("at", Instant.now().toString());
    }

    private synchronized void write(ObjectNode line) {
        try {
            out.write(EventJson.mapper().writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the transcript " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
