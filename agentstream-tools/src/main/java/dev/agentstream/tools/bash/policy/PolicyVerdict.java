package dev.agentstream.tools.bash.policy;

/**
 * The outcome of {@link CommandPolicy#check(String)}.
 *
 * @param allowed     whether the command may run
 * @param refusedPart the source text of the offending simple command or redirection; {@code null} when allowed
 * @param reason      one sentence, addressed to the model, saying why and what to do instead; {@code null} when allowed
 */
public record PolicyVerdict(boolean allowed, String refusedPart, String reason) {

    private static final PolicyVerdict ALLOW = new PolicyVerdict(true, null, null);

    public static PolicyVerdict allow() {
        return ALLOW;
    }

    public static PolicyVerdict refuse(String refusedPart, String reason) {
        return new PolicyVerdict(false, refusedPart, reason);
    }
}
