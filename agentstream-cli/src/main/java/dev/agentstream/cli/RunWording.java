package dev.agentstream.cli;

import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentConfigException.Setting;
import dev.agentstream.agent.AgentOutcome;

/**
 * The agent reports problems and endings as structure; this is how {@code agentstream run} words them for its
 * user: settings by their flags, a limit reached with the flag that raises it and the command that goes on.
 */
final class RunWording {

    private RunWording() {}

    static String flag(Setting setting) {
        return switch (setting) {
            case MODEL -> "--model";
            case MAX_TOKENS -> "--max-tokens";
            case MAX_TURNS -> "--max-turns";
            case THINKING_BUDGET -> "--thinking-budget";
            case EFFORT -> "--effort";
            case KEEP_SCREENSHOTS -> "--keep-screenshots";
            // No flag: it is set in config.json only.
            case SCREENSHOT_BATCH -> setting.key();
        };
    }

    static String problem(AgentConfigException e) {
        return e.message(RunWording::flag);
    }

    /** The sentence for how a run ended; empty when the model simply finished. */
    static String ending(AgentOutcome outcome, String sessionId) {
        if (outcome.limit().isEmpty()) return outcome.detail();
        int limit = outcome.limit().getAsInt();
        return switch (outcome.reason()) {
            case MAX_TURNS -> "Stopped after " + limit + " turns (--max-turns); continue with: " + continueCommand(sessionId, "go on");
            case MAX_TOKENS -> "The reply hit --max-tokens (" + limit + ") before it was done; raise --max-tokens, or continue with --resume "
                    + sessionId + ".";
            default -> outcome.detail();
        };
    }

    static String continueCommand(String sessionId, String task) {
        return "agentstream run --resume " + sessionId + " \"" + task + "\"";
    }
}
