package dev.agentstream.agent;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a run of the loop ended. {@code detail} is one sentence for the person (empty when the model simply
 * finished) that names no front door's controls; a front door that has its own words for an ending (a flag
 * to raise, a command to continue) builds them from the reason and the {@code limit}.
 *
 * @param limit   for {@link Reason#MAX_TURNS} the turn limit and for {@link Reason#MAX_TOKENS} the token limit
 *                per reply that was reached; empty for the other reasons
 * @param problem for {@link Reason#FAILED}, the failure as a problem with the model asked for (no such model, a key
 *                that may not use it), when it is one; {@code detail} is then its {@link ModelProblem#detail()}
 */
public record AgentOutcome(Reason reason, String detail, int turns, TokenUsage usage, OptionalInt limit, Optional<ModelProblem> problem) {

    public AgentOutcome(Reason reason, String detail, int turns, TokenUsage usage) {
        this(reason, detail, turns, usage, OptionalInt.empty());
    }

    public AgentOutcome(Reason reason, String detail, int turns, TokenUsage usage, OptionalInt limit) {
        this(reason, detail, turns, usage, limit, Optional.empty());
    }

    public enum Reason {
        /** The model ended its turn (end_turn or a stop sequence). */
        FINISHED("finished"),
        /** The turn limit was reached while the model still wanted to use tools. */
        MAX_TURNS("max_turns"),
        /** The model's reply hit max_tokens with nothing left to run. */
        MAX_TOKENS("max_tokens"),
        /** The model declined to go on. */
        REFUSED("refusal"),
        /** The person stopped the session (a second Ctrl-C). */
        CANCELLED("cancelled"),
        /** The API kept failing, or failed in a way retrying cannot fix. */
        FAILED("failed");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
