package dev.agentstream.cli;

import dev.agentstream.agent.AgentConfigException;
import dev.agentstream.agent.AgentConfigException.Setting;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.ModelProblem;
import dev.agentstream.agent.session.UnknownSessionException;

/**
 * The agent reports problems and endings as structure; this is how {@code agentstream run} words them for its
 * user: settings by their flags, a limit reached with the flag that raises it and the command that goes on, a model
 * the API does not offer with the flag that picks another and the models it does.
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
        if (e instanceof UnknownSessionException unknown) {
            return "There is no session '" + unknown.id() + "' in " + unknown.dir() + "; run 'agentstream sessions' to list them.";
        }
        return e.message(RunWording::flag);
    }

    /** A problem with the model asked for, with the flag that picks another and the command that lists them. */
    static String problem(ModelProblem problem) {
        String model = flag(Setting.MODEL);
        return switch (problem) {
            case ModelProblem.NotOffered p when p.offered().isEmpty() -> p.what() + "; pick another with " + model
                    + " (list them with: agentstream models).";
            case ModelProblem.NotOffered p when p.offered().get().isEmpty() -> p.what() + ", and it lists no models for this key; "
                    + "check the key, then pick one with " + model + ".";
            case ModelProblem.NotOffered p -> p.what() + "; pick one it offers with " + model + ": " + String.join(", ", p.offered().get()) + ".";
            case ModelProblem.Retired p -> p.what() + "; pick a current model with " + model + " (see: agentstream models).";
            case ModelProblem.Refused p when p.status() == 403 -> p.what() + "; check the key's permissions or pick another " + model + ".";
            case ModelProblem.Refused p -> p.what() + "; check " + model + " and ANTHROPIC_BASE_URL.";
        };
    }

    /** A notice, with a model problem in it worded for the command line. */
    static String notice(AgentEvent.Notice notice) {
        return notice.problem().map(RunWording::problem).orElse(notice.message());
    }

    /** The sentence for how a run ended; empty when the model simply finished. */
    static String ending(AgentOutcome outcome, String sessionId) {
        if (outcome.problem().isPresent()) return problem(outcome.problem().get());
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
