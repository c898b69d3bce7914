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
 * {@code {"kind":"session",...}} first, then {@code message}, {@code event}, {@code note} and {@code resumed}
 * lines. A note is something the model must be told with the next user message; notes written after the
 * last user message are still owed to it, also after a restart (see {@link #pendingNotes()}).
 */
public final class Transcript implements AutoCloseable {

    private final String id;
    private final Path file;
    private final List<ObjectNode> messages;
    private final List<String> pendingNotes;
    private final BufferedWriter out;

    Transcript(String id, Path file, List<ObjectNode> messages, List<String> pendingNotes) throws IOException {
        this.id = id;
        this.file = file;
        this.messages = List.copyOf(messages);
        this.pendingNotes = List.copyOf(pendingNotes);
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

    /** Notes for the model saved before this run and not yet sent in a user message. */
    public List<String> pendingNotes() {
        return pendingNotes;
    }

    /** Saves a note the model is owed; the next user message that carries it settles it. */
    public void note(String text) {
        write(line("note").put("text", text));
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
