package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.testing.FakeAnthropicServer;
import dev.agentstream.agent.testing.Reply;
import dev.agentstream.agent.testing.SseScript;
import dev.agentstream.core.EventJson;
import dev.agentstream.tick.TickTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract through {@code agentstream run --json}: one agent session per process, its model played by the
 * fake Anthropic API on loopback, which asks for each call the test starts; Ctrl-C cancels the running call.
 */
class RunDoorContractTest extends FrontDoorContract {

    @Override
    FrontDoor open(Path dir) {
        return door(true, number -> new RunSession(dir.resolve("session-" + number)), () -> {});
    }

    /** One {@code run} process and the fake API it talks to; each call the test starts is the model's next tool_use. */
    static final class RunSession implements DoorSession {
        private final FakeAnthropicServer api = FakeAnthropicServer.start();
        private final LinkedBlockingQueue<Reply> nextReplies = new LinkedBlockingQueue<>();
        private final CliProcess run;
        private final AtomicInteger calls = new AtomicInteger();
        private boolean closed;

        RunSession(Path home) throws Exception {
            Files.createDirectories(home);
            // The model answers each request once the test says what it asks for next.
            api.whenEmpty(request -> {
                try {
                    return nextReplies.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Reply.error(500, "api_error", "the test ended");
                }
            });
            run = CliProcess.start(ContractMain.class, home, Map.of("ANTHROPIC_API_KEY", "test-key", "ANTHROPIC_BASE_URL", api.baseUrl(),
                    "AGENTSTREAM_HOME", home.resolve("home").toString(), "AGENTSTREAM_LOG", home.resolve("agentstream.log").toString()),
                    "run", "--json", "do", "what", "the", "test", "says");
        }

        @Override
        public DoorCall start(String tool, String inputJson) {
            String id = "toolu_contract_" + calls.incrementAndGet();
            nextReplies.add(Reply.stream(SseScript.reply().toolUse(id, tool, inputJson).end("tool_use")));
            return new NdjsonCall(run, id, run::interrupt);
        }

        JsonNode toolUse(String id) throws Exception {
            for (CliProcess.Line line : run.stdout) {
                JsonNode event = EventJson.mapper().readTree(line.text());
                if (event.path("type").asText().equals("tool_use") && event.path("id").asText().equals(id)) return event;
            }
            throw new AssertionError("no tool_use event for " + id + " in:\n" + run.stdoutText());
        }

        @Override
        public void close() throws Exception {
            if (closed) return;
            closed = true;
            nextReplies.add(Reply.stream(SseScript.reply().text("done").end("end_turn")));
            try {
                run.waitFor();
            } finally {
                run.stop();
                api.close();
            }
        }
    }

    @Test
    void theAddedToolIsDeclaredToTheModelAndIntroducedByItsOwnSummary() throws Exception {
        try (RunSession session = (RunSession) door.openSession()) {
            awaitEnding(session.start(TickTool.NAME, "{\"count\":2,\"ms\":10}"), START_LIMIT_MS);
            JsonNode toolUse = session.toolUse("toolu_contract_1");
            assertThat(toolUse.path("summary").asText()).isEqualTo("2 ticks, 10 ms apart");
            JsonNode declared = session.api.request(0).body().path("tools");
            assertThat(declared.findValuesAsText("name")).contains("bash", TickTool.NAME);
        }
    }
}
