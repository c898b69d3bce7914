package dev.agentstream.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.core.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sessions folder: one {@code ID.jsonl} transcript per session, plus an {@code ID/} folder for its files. */
public final class TranscriptStore {

    private static final Logger log = LoggerFactory.getLogger(TranscriptStore.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;

    public TranscriptStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** A new session; ids sort by creation time and end with a random part so two sessions never collide. */
    public Transcript create(String model) {
        String id = ID_TIME.format(Instant.now()) + "-" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
        try {
            Transcript transcript = new Transcript(id, file(id), List.of(), List.of());
            transcript.header("session", model);
            return transcript;
        } catch (IOException e) {
            throw new AgentConfigException("Cannot create a session file in " + dir + " (" + e.getMessage()
                    + "); make the folder writable or set AGENTSTREAM_HOME to another place.", e);
        }
    }

    /** An existing session, with its saved messages, to continue it. */
    public Transcript resume(String id, String model) {
        Path file = file(id);
        if (!id.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(file)) {
            throw new UnknownSessionException(id, dir);
        }
        try {
            Saved saved = read(file);
            Transcript transcript = new Transcript(id, file, saved.messages(), saved.pendingNotes());
            transcript.header("resumed", model);
            return transcript;
        } catch (IOException e) {
            throw new AgentConfigException("Cannot read the session file " + file + " (" + e.getMessage() + ").", e);
        }
    }

    /** Every saved session, the most recently active first. */
    public List<SessionSummary> list() {
        if (!Files.isDirectory(dir)) return List.of();
        List<SessionSummary> sessions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                try {
                    sessions.add(summarize(file));
                } catch (IOException | RuntimeException e) {
                    log.warn("Skipping the unreadable session file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sessions.sort(Comparator.comparing(SessionSummary::updated).reversed());
        return sessions;
    }

    private Path file(String id) {
        return dir.resolve(id + ".jsonl");
    }

    /** A transcript's messages, and the notes written after its last user message (still owed to the model). */
    record Saved(List<ObjectNode> messages, List<String> pendingNotes) {}

    static List<ObjectNode> readMessages(Path file) throws IOException {
        return read(file).messages();
    }

    static Saved read(Path file) throws IOException {
        List<ObjectNode> messages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode record;
                try {
                    record = EventJson.mapper().readTree(line);
                } catch (IOException e) {
                    // A line cut short by a killed process: everything before it is still good.
                    log.warn("Ignoring a damaged line in {}: {}", file, e.getMessage());
                    continue;
                }
                if ("message".equals(record.path("kind").asText()) && record.path("message").isObject()) {
                    messages.add((ObjectNode) record.get("message"));
                    if ("user".equals(record.path("message").path("role").asText())) notes.clear();
                } else if ("note".equals(record.path("kind").asText())) {
                    notes.add(record.path("text").asText());
                }
            }
        }
        return new Saved(messages, notes);
    }

    private static SessionSummary summarize(Path file) throws IOException {
        String id = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        Instant created = null;
        String model = "";
        String title = "";
        int turns = 0;
        Optional<String> outcome = Optional.empty();
        TokenUsage usage = TokenUsage.ZERO;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode record;
                try {
                    record = EventJson.mapper().readTree(line);
                } catch (IOException e) {
                    continue;
                }
                switch (record.path("kind").asText()) {
                    case "session", "resumed" -> {
                        if (created == null) created = Instant.parse(record.path("at").asText(Instant.EPOCH.toString()));
                        model = record.path("model").asText(model);
                    }
                    case "message" -> {
                        JsonNode message = record.path("message");
                        if ("assistant".equals(message.path("role").asText())) turns++;
                        if (title.isEmpty() && "user".equals(message.path("role").asText())) title = firstText(message);
                    }
                    case "event" -> {
                        JsonNode event = record.path("event");
                        if ("session_end".equals(event.path("type").asText())) {
                            outcome = Optional.of(event.path("reason").asText());
                            usage = usage.plus(AgentEventJson.readUsage(event.path("usage")));
                        }
                    }
                    default -> {}
                }
            }
        }
        Instant updated = Files.getLastModifiedTime(file).toInstant();
        return new SessionSummary(id, created == null ? updated : created, updated, model, title, turns, outcome, usage, file);
    }

    private static String firstText(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isTextual()) return content.asText();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) return block.path("text").asText();
        }
        return "";
    }
}
