package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.tools.bash.BashTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CancelTest {

    @TempDir
    Path home;

    @Test
    void the_first_interrupt_cancels_the_running_command_and_the_model_hears_of_it() throws Exception {
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.server.reply(SseScript.reply().toolUse("toolu_1", "bash", "{\"command\": \"echo started; sleep 30; echo never\"}").end("tool_use"));
            h.server.reply(SseScript.reply().text("Understood, stopping.").end("end_turn"));
            AgentLoop loop = h.loop();
            CompletableFuture<AgentLoop.Interruption> interrupted = CompletableFuture.supplyAsync(() -> {
                awaitOutput(h, "toolu_1", "started");
                return loop.interrupt();
            });

            long start = System.nanoTime();
            AgentOutcome outcome = loop.run("sleep long");

            assertThat(interrupted.get(5, TimeUnit.SECONDS)).isEqualTo(AgentLoop.Interruption.CANCELLED_TOOLS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FINISHED);
            JsonNode result = h.server.request(1).lastMessage().path("content").get(0);
            assertThat(result.path("is_error").asBoolean()).isTrue();
            assertThat(result.path("content").get(0).path("text").asText()).contains("cancelled this call");
            assertThat(result.toString()).doesNotContain("never");
        }
    }

    @Test
    void stop_ends_the_session_and_keeps_the_transcript() throws Exception {
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.server.reply(SseScript.reply().toolUse("toolu_1", "bash", "{\"command\": \"echo started; sleep 30\"}").end("tool_use"));
            AgentLoop loop = h.loop();
            CompletableFuture.runAsync(() -> {
                awaitOutput(h, "toolu_1", "started");
                loop.stop();
            });

            AgentOutcome outcome = loop.run("sleep long");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.CANCELLED);
            assertThat(h.server.requests()).hasSize(1);
            String transcript = Files.readString(loop.transcript().file());
            assertThat(transcript).contains("\"type\":\"session_end\"", "\"reason\":\"cancelled\"", "\"tool_result\"");
        }
    }

    @Test
    void interrupting_while_the_model_streams_stops_the_session() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(SseScript.reply().text("thinking out loud").pause(Duration.ofSeconds(20)).end("end_turn"));
            AgentLoop loop = h.loop();
            CompletableFuture<AgentLoop.Interruption> interrupted = CompletableFuture.supplyAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (h.events.text().isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
                return loop.interrupt();
            });

            long start = System.nanoTime();
            AgentOutcome outcome = loop.run("talk");

            assertThat(interrupted.join()).isEqualTo(AgentLoop.Interruption.STOPPED);
            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.CANCELLED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void a_double_interrupt_while_the_reply_streams_keeps_the_partial_reply_and_resumes_as_a_valid_alternation() throws Exception {
        String id;
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.server.reply(SseScript.reply().text("Let me sleep.")
                    .toolUse("toolu_1", "bash", "{\"command\": \"echo started; sleep 30\"}")
                    .pause(Duration.ofSeconds(30)).end("tool_use"));
            AgentLoop loop = h.loop();
            CompletableFuture<List<AgentLoop.Interruption>> presses = CompletableFuture.supplyAsync(() -> {
                awaitOutput(h, "toolu_1", "started");
                long first = System.nanoTime();
                // Two presses 50 ms apart, as the signal handler times them.
                return List.of(loop.interrupt(first), loop.interrupt(first + TimeUnit.MILLISECONDS.toNanos(50)));
            });

            AgentOutcome outcome = loop.run("sleep long");

            assertThat(presses.get(20, TimeUnit.SECONDS)).containsExactly(AgentLoop.Interruption.CANCELLED_TOOLS, AgentLoop.Interruption.STOPPED);
            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.CANCELLED);
            id = loop.sessionId();
            assertThat(h.store().list()).singleElement().satisfies(s -> assertThat(s.turns()).isEqualTo(1));
        }
        try (LoopHarness h = new LoopHarness(home, new BashTool())) {
            h.server.reply(SseScript.reply().text("OK.").end("end_turn"));
            h.loop(h.store().resume(id, "claude-sonnet-5-5")).run("go on");

            JsonNode messages = h.server.request(0).messages();
            assertThat(messages).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant", "user");
            JsonNode reply = messages.get(1).path("content");
            assertThat(reply.get(0).path("text").asText()).isEqualTo("Let me sleep.");
            assertThat(reply.get(1).path("type").asText()).isEqualTo("tool_use");
            JsonNode answer = messages.get(2).path("content");
            assertThat(answer.get(0).path("type").asText()).isEqualTo("tool_result");
            assertThat(answer.get(0).path("tool_use_id").asText()).isEqualTo("toolu_1");
            assertThat(answer.get(0).path("is_error").asBoolean()).isTrue();
            assertThat(answer.get(answer.size() - 1).path("text").asText()).isEqualTo("go on");
        }
    }

    static void awaitOutput(LoopHarness h, String callId, String text) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!h.events.toolOutput(callId).contains(text)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no output '" + text + "' from " + callId);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(h.events.any(EventLog.toolEvent(callId, ToolEvent.Started.class))).isTrue();
    }
}
