package dev.agentstream.agent;

/** How a run of the loop ended. */
public record AgentOutcome(Reason reason, String detail, int turns, TokenUsage usage) {

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
