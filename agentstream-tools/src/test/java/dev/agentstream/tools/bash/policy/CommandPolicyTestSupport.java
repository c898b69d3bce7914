package dev.agentstream.tools.bash.policy;

final class CommandPolicyTestSupport {

    private CommandPolicyTestSupport() {
    }

    /** Quotes {@code s} as one bash word. */
    static String singleQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
