package dev.agentstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentstream.agent.model.ModelFailure;
import dev.agentstream.agent.testing.Reply;
import dev.agentstream.agent.testing.SseScript;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model the API does not offer, a retired one and a key refused are reported as structure, which a front door
 * words with its own controls; the library's own sentences name none of them (no flags, no commands).
 */
class ModelProblemTest {

    @TempDir
    Path home;

    @Test
    void a_model_the_api_does_not_offer_ends_the_run_with_the_models_it_does() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.settings.model("claude-sonnet-4-5");
            h.server.offers(List.of("claude-sonnet-5-5", "claude-opus-5-5"));
            h.server.reply(Reply.error(404, "not_found_error", "model: claude-sonnet-4-5"));

            AgentOutcome outcome = h.loop().run("hello");

            assertThat(outcome.reason()).isEqualTo(AgentOutcome.Reason.FAILED);
            assertThat(outcome.problem()).contains(new ModelProblem.NotOffered("claude-sonnet-4-5",
                    Optional.of(List.of("claude-sonnet-5-5", "claude-opus-5-5"))));
            assertThat(outcome.detail()).isEqualTo("The API has no model claude-sonnet-4-5 (it does not exist or was retired); "
                    + "the models it offers: claude-sonnet-5-5, claude-opus-5-5.");
            assertThat(h.events.of(AgentEvent.SessionEnded.class)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(outcome));
        }
    }

    @Test
    void a_retired_model_is_a_notice_that_carries_the_problem() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.settings.model("claude-sonnet-4-5");
            h.server.reply(SseScript.reply().text("hi").end("end_turn"));

            h.loop().run("hello");

            List<AgentEvent.Notice> retired = h.events.of(AgentEvent.Notice.class).stream().filter(n -> n.problem().isPresent()).toList();
            assertThat(retired).singleElement().satisfies(n -> {
                assertThat(n.problem()).contains(new ModelProblem.Retired("claude-sonnet-4-5", Optional.of("2026-11-30")));
                assertThat(n.message()).isEqualTo("claude-sonnet-4-5 was retired on 2026-11-30 (Anthropic's model deprecations page), "
                        + "so the API will likely refuse it; pick a current model.");
            });
        }
    }

    @Test
    void a_refused_key_is_a_problem_with_the_model_and_no_sentence_of_the_library_names_a_flag() {
        try (LoopHarness h = new LoopHarness(home)) {
            h.server.reply(Reply.error(403, "permission_error", "not allowed"));

            AgentOutcome outcome = h.loop().run("hello");

            assertThat(outcome.problem()).contains(new ModelProblem.Refused(403, "not allowed"));
            assertThat(outcome.detail()).isEqualTo("The API key may not use this model or feature (403: not allowed); "
                    + "check the key's permissions or pick another model.");
        }
        List<ModelProblem> all = List.of(new ModelProblem.NotOffered("m", Optional.empty()), new ModelProblem.NotOffered("m", Optional.of(List.of())),
                new ModelProblem.NotOffered("m", Optional.of(List.of("a"))), new ModelProblem.Retired("m", Optional.empty()),
                new ModelProblem.Refused(403, "x"), new ModelProblem.Refused(404, "x"));
        assertThat(all).allSatisfy(p -> assertThat(p.detail()).doesNotContain("--", "agentstream ").endsWith("."));
        assertThat(new ModelFailure("m", new RuntimeException()).problem()).isEmpty();
    }
}
