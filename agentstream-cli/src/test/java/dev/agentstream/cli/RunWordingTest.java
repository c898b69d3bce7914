package dev.agentstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.ModelProblem;
import dev.agentstream.agent.session.UnknownSessionException;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.core.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    @Test
    void an_unknown_session_is_worded_with_the_command_that_lists_them() {
        assertThat(RunWording.problem(new UnknownSessionException("nope", Path.of("/home/me/.agentstream/sessions"))))
                .isEqualTo("There is no session 'nope' in /home/me/.agentstream/sessions; run 'agentstream sessions' to list them.");
    }

    @Test
    void a_model_problem_is_worded_with_the_model_flag_and_the_models_command() {
        assertThat(RunWording.problem(new ModelProblem.NotOffered("claude-x", Optional.of(List.of("claude-a", "claude-b")))))
                .isEqualTo("The API has no model claude-x (it does not exist or was retired); pick one it offers with --model: claude-a, claude-b.");
        assertThat(RunWording.problem(new ModelProblem.NotOffered("claude-x", Optional.empty())))
                .isEqualTo("The API has no model claude-x (it does not exist or was retired); pick another with --model (list them with: agentstream models).");
        assertThat(RunWording.problem(new ModelProblem.NotOffered("claude-x", Optional.of(List.of()))))
                .isEqualTo("The API has no model claude-x (it does not exist or was retired), and it lists no models for this key; "
                        + "check the key, then pick one with --model.");
        assertThat(RunWording.problem(new ModelProblem.Retired("claude-x", Optional.of("2026-11-30"))))
                .isEqualTo("claude-x was retired on 2026-11-30 (Anthropic's model deprecations page), so the API will likely refuse it; "
                        + "pick a current model with --model (see: agentstream models).");
        assertThat(RunWording.problem(new ModelProblem.Refused(403, "no")))
                .isEqualTo("The API key may not use this model or feature (403: no); check the key's permissions or pick another --model.");
        assertThat(RunWording.problem(new ModelProblem.Refused(404, "no")))
                .isEqualTo("The API did not find what was asked for (404: no); check --model and ANTHROPIC_BASE_URL.");
    }

    @Test
    void a_run_that_failed_on_its_model_and_a_retired_model_notice_are_worded_for_the_command_line_in_both_printers() throws Exception {
        ModelProblem.NotOffered notOffered = new ModelProblem.NotOffered("claude-x", Optional.of(List.of("claude-a")));
        AgentEvent.SessionEnded failed = new AgentEvent.SessionEnded("s2", new AgentOutcome(AgentOutcome.Reason.FAILED, notOffered.detail(), 0,
                TokenUsage.ZERO, OptionalInt.empty(), Optional.of(notOffered)), Path.of("/tmp/s2.jsonl"));
        AgentEvent.Notice retired = new AgentEvent.Notice(new ModelProblem.Retired("claude-x", Optional.empty()));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleAgentPrinter console = new ConsoleAgentPrinter(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), ConsoleAgentPrinter.Style.plain());
        console.accept(retired);
        console.accept(failed);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("claude-x was retired (Anthropic's model deprecations page), so the API will likely refuse it; "
                        + "pick a current model with --model (see: agentstream models).")
                .contains("The API has no model claude-x (it does not exist or was retired); pick one it offers with --model: claude-a.");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonAgentPrinter json = new JsonAgentPrinter(new PrintStream(out, true, StandardCharsets.UTF_8));
        json.accept(retired);
        json.accept(failed);
        List<JsonNode> lines = out.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return EventJson.mapper().readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertThat(lines.get(0).path("message").asText()).endsWith("with --model (see: agentstream models).");
        assertThat(lines.get(1).path("detail").asText()).endsWith("pick one it offers with --model: claude-a.");
    }
}
