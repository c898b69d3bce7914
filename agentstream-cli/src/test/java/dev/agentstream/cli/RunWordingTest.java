package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.core.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The agent reports structure; {@code agentstream run} words it with its own flags and commands. */
class RunWordingTest {

    private static final AgentEvent.SessionEnded AT_TURN_LIMIT = new AgentEvent.SessionEnded("s1",
            new AgentOutcome(AgentOutcome.Reason.MAX_TURNS, "Stopped after 2 turns, the turn limit.", 2, TokenUsage.ZERO, OptionalInt.of(2)),
            Path.of("/tmp/s1.jsonl"));

    @Test
    void a_wrong_setting_is_named_by_its_flag() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class,
                () -> AgentSettings.builder().apiKey("k").maxTokens(2000).thinkingBudget(4000).build());

        assertThat(RunWording.problem(e)).isEqualTo("--thinking-budget (4000) must be below --max-tokens (2000); raise --max-tokens or lower the budget.");
    }

    @Test
    void the_turn_limit_is_worded_with_the_flag_and_the_command_that_goes_on() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new ConsoleAgentPrinter(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                ConsoleAgentPrinter.Style.plain()).accept(AT_TURN_LIMIT);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "Stopped after 2 turns (--max-turns); continue with: agentstream run --resume s1 \"go on\"\n")
                .contains("continue: agentstream run --resume s1 \"...\"");
    }

    @Test
    void run_json_keeps_its_session_end_detail() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).accept(AT_TURN_LIMIT);

        JsonNode end = EventJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(end.path("type").asText()).isEqualTo("session_end");
        assertThat(end.path("reason").asText()).isEqualTo("max_turns");
        assertThat(end.path("detail").asText()).isEqualTo("Stopped after 2 turns (--max-turns); continue with: agentstream run --resume s1 \"go on\"");
        assertThat(end.fieldNames()).toIterable().containsExactly("type", "session", "reason", "detail", "turns", "transcript", "usage");
    }
}
