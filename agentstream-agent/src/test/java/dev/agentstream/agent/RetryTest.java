package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.Reply;
import dev.agentstream.agent.testing.SseScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryTest {

    @TempDir
    Path home;

    @Test
    void an_overloaded_api_is_asked_again_with_the_same_request() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(Reply.overloaded());
            h.server.reply(SseScript.reply().text("fine now").end("end_turn"));

            AgentOutcome outcome = h.loop().run("hello");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(h.server.requests()).hasSize(2);
            assertThat(h.server.request(1).body()).isEqualTo(h.server.request(0).body());
            assertThat(h.events.of(AgentEvent.Retrying.class)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("529"));
            assertThat(h.events.text()).isEqualTo("fine now");
        }
    }

    @Test
    void an_error_event_inside_the_stream_discards_the_partial_reply() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply().text("partial ").error("overloaded_error", "Overloaded"));
            h.server.reply(SseScript.reply().text("whole").toolUse("toolu_1", "count", "{\"label\": \"x\"}").end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            AgentOutcome outcome = h.loop().run("go");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            JsonNode assistant = h.server.request(2).messages().get(1);
            assertThat(assistant.path("content").get(0).path("text").asText()).isEqualTo("whole");
            assertThat(h.events.of(AgentEvent.Retrying.class)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("overloaded_error"));
        }
    }

    @Test
    void a_connection_lost_after_a_tool_started_does_not_run_the_tool_twice() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_1", "count", "{\"label\": \"x\"}")
                    .awaitUntil(() -> runs.get() == 1, Duration.ofSeconds(10))
                    .drop());
            h.server.reply(SseScript.reply().toolUse("toolu_1", "count", "{\"label\": \"x\"}").end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            AgentOutcome outcome = h.loop().run("count once");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(runs).hasValue(1);
            assertThat(h.events.of(AgentEvent.Retrying.class)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("connection lost"));
            JsonNode result = h.server.request(2).lastMessage().path("content").get(0);
            assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_1");
            assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("slept x");
        }
    }

    @Test
    void a_retried_reply_with_new_ids_reuses_the_call_with_the_same_input() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_old", "count", "{\"label\": \"x\"}")
                    .awaitUntil(() -> runs.get() == 1, Duration.ofSeconds(10))
                    .drop());
            h.server.reply(SseScript.reply().toolUse("toolu_new", "count", "{\"label\":\"x\"}").end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            h.loop().run("count once");

            assertThat(runs).hasValue(1);
            JsonNode result = h.server.request(2).lastMessage().path("content").get(0);
            assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_new");
            assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("slept x");
            assertThat(h.events.of(AgentEvent.Notice.class)).anySatisfy(n -> assertThat(n.message()).contains("toolu_old"));
        }
    }

    @Test
    void a_call_that_ran_from_a_broken_reply_and_was_not_asked_again_is_reported_to_the_model() {
        AtomicInteger runs = new AtomicInteger();
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_old", "count", "{\"label\": \"x\"}")
                    .awaitUntil(() -> runs.get() == 1, Duration.ofSeconds(10))
                    .drop());
            h.server.reply(SseScript.reply().toolUse("toolu_new", "count", "{\"label\": \"y\"}").end("tool_use"));
            h.server.reply(SseScript.reply().text("done").end("end_turn"));

            h.loop().run("count");

            assertThat(runs).hasValue(2);
            JsonNode content = h.server.request(2).lastMessage().path("content");
            assertThat(content.get(0).path("tool_use_id").asText()).isEqualTo("toolu_new");
            assertThat(content.get(1).path("type").asText()).isEqualTo("text");
            assertThat(content.get(1).path("text").asText()).contains("already run", "\"label\":\"x\"", "slept x");
        }
    }

    @Test
    void a_call_from_a_broken_reply_whose_retry_just_ends_the_turn_is_told_in_the_next_request_even_after_resume() {
        AtomicInteger runs = new AtomicInteger();
        String id;
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply()
                    .toolUse("toolu_old", "count", "{\"label\": \"x\"}")
                    .awaitUntil(() -> runs.get() == 1, Duration.ofSeconds(10))
                    .drop());
            h.server.reply(SseScript.reply().text("Nothing to do.").end("end_turn"));

            AgentLoop loop = h.loop();
            loop.run("count");
            id = loop.sessionId();
            assertThat(runs).hasValue(1);
        }
        // A new process: the note lives in the transcript, not in memory.
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply().text("ok").end("end_turn"));
            h.server.reply(SseScript.reply().text("ok again").end("end_turn"));
            AgentLoop loop = h.loop(h.store().resume(id, "claude-sonnet-5-5"));
            loop.run("go on");

            JsonNode content = h.server.request(0).lastMessage().path("content");
            assertThat(content.get(0).path("text").asText()).isEqualTo("go on");
            assertThat(content.get(1).path("text").asText()).contains("already run", "\"label\":\"x\"", "slept x");

            // Told once: the next message does not repeat it.
            loop.run("and now?");
            assertThat(h.server.request(1).lastMessage().toString()).doesNotContain("already run");
        }
        // And a second resume does not owe it any more.
        try (LoopHarness h = new LoopHarness(home, TestTools.slow("count", runs))) {
            h.server.reply(SseScript.reply().text("ok").end("end_turn"));
            h.loop(h.store().resume(id, "claude-sonnet-5-5")).run("still there?");
            assertThat(h.server.request(0).lastMessage().toString()).doesNotContain("already run");
        }
    }

    @Test
    void a_stream_that_ends_before_message_stop_is_retried() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply().text("cut"));
            h.server.reply(SseScript.reply().text("complete").end("end_turn"));

            AgentOutcome outcome = h.loop().run("hi");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            assertThat(h.events.of(AgentEvent.Retrying.class)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("ended early"));
        }
    }

    @Test
    void the_session_fails_clearly_when_the_retries_run_out() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.whenEmpty(request -> Reply.overloaded());

            AgentOutcome outcome = h.loop().run("hi");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FAILED);
            assertThat(outcome.detail()).contains("after 3 retries", "529");
            assertThat(h.server.requests()).hasSize(4);
        }
    }

    @Test
    void a_rejected_key_is_not_retried() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(Reply.error(401, "authentication_error", "invalid x-api-key"));

            AgentOutcome outcome = h.loop().run("hi");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FAILED);
            assertThat(outcome.detail()).contains("401", "ANTHROPIC_API_KEY");
            assertThat(h.server.requests()).hasSize(1);
        }
    }
}
