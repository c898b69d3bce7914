package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.session.SessionSummary;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.UnknownSessionException;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {

    @TempDir
    Path home;

    @Test
    void a_session_is_saved_and_can_be_continued_and_listed() throws Exception {
        String id;
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply(40, 0, 0).outputTokens(3).text("Hi ", "there.").end("end_turn"));
            AgentLoop loop = h.loop();
            id = loop.sessionId();
            loop.run("hello");

            List<String> lines = Files.readAllLines(loop.transcript().file());
            List<String> kinds = lines.stream().map(l -> read(l).path("kind").asText()).toList();
            assertThat(kinds.get(0)).isEqualTo("session");
            assertThat(kinds).contains("message", "event");
            assertThat(lines).noneMatch(l -> l.contains("\"type\":\"text\",\"turn\""));
            assertThat(lines).anyMatch(l -> l.contains("\"type\":\"session_end\""));
        }
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply(60, 0, 0).outputTokens(2).text("Again.").end("end_turn"));
            Transcript resumed = h.store().resume(id, "claude-sonnet-4-5");
            AgentLoop loop = h.loop(resumed);
            loop.run("once more");

            JsonNode messages = h.server.request(0).messages();
            assertThat(messages).hasSize(3);
            assertThat(messages.get(0).path("content").get(0).path("text").asText()).isEqualTo("hello");
            assertThat(messages.get(1).path("content").get(0).path("text").asText()).isEqualTo("Hi there.");
            assertThat(messages.get(2).path("content").get(0).path("text").asText()).isEqualTo("once more");
            assertThat(h.events.of(AgentEvent.SessionStarted.class)).singleElement().satisfies(s -> assertThat(s.resumed()).isTrue());

            List<SessionSummary> sessions = h.store().list();
            assertThat(sessions).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo(id);
                assertThat(s.title()).isEqualTo("hello");
                assertThat(s.turns()).isEqualTo(2);
                assertThat(s.lastOutcome()).contains("finished");
                assertThat(s.usage()).isEqualTo(new TokenUsage(100, 5, 0, 0));
            });
        }
    }

    @Test
    void resuming_answers_tool_calls_that_never_ran() throws Exception {
        Path sessions = Files.createDirectories(home.resolve("sessions"));
        Files.writeString(sessions.resolve("s1.jsonl"), String.join("\n",
                "{\"kind\":\"session\",\"at\":\"2026-01-01T00:00:00Z\",\"id\":\"s1\",\"model\":\"m\"}",
                "{\"kind\":\"message\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"go\"}]}}",
                "{\"kind\":\"message\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"bash\",\"input\":{\"command\":\"ls\"}}]}}",
                "{\"kind\":\"message\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"te") + "\n");
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply().text("ok").end("end_turn"));
            h.loop(h.store().resume("s1", "m")).run("continue please");

            JsonNode last = h.server.request(0).lastMessage().path("content");
            assertThat(last.get(0).path("type").asText()).isEqualTo("tool_result");
            assertThat(last.get(0).path("tool_use_id").asText()).isEqualTo("toolu_9");
            assertThat(last.get(0).path("is_error").asBoolean()).isTrue();
            assertThat(last.get(1).path("text").asText()).isEqualTo("continue please");
        }
    }

    @Test
    void an_unknown_session_id_is_a_clear_error() {
        try (LoopHarness h = new LoopHarness(home)) {
            assertThatThrownBy(() -> h.store().resume("nope", "m"))
                    .isInstanceOf(UnknownSessionException.class).isInstanceOf(AgentConfigException.class)
                    .hasMessage("There is no session 'nope' in " + home.resolve("sessions") + "; pick one of the saved sessions.");
        }
    }

    @Test
    void the_turn_limit_stops_a_model_that_keeps_calling_tools() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.settings.maxTurns(2);
            AtomicInteger ids = new AtomicInteger();
            h.server.whenEmpty(request -> dev.agentstream.agent.testing.Reply.stream(
                    SseScript.reply().toolUse("toolu_" + ids.incrementAndGet(), "count", "{}").end("tool_use")));

            AgentOutcome outcome = h.loop().run("loop forever");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.MAX_TURNS);
            assertThat(outcome.limit()).hasValue(2);
            assertThat(outcome.detail()).contains("2 turns").doesNotContain("--", "agentstream run");
            assertThat(h.server.requests()).hasSize(2);
            assertThat(runs).hasValue(2);
        }
    }

    private static JsonNode read(String line) {
        try {
            return EventJson.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
