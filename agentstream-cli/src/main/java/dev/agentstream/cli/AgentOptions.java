package dev.agentstream.cli;

import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.SettingsLoader;
import picocli.CommandLine.Option;

/** The model settings {@code run} and {@code serve} share; the config file and the environment fill the rest. */
final class AgentOptions {

    @Option(names = "--model", paramLabel = "MODEL", description = "The Claude model (default: the current recommended Sonnet model of agentstream's model table, "
            + "marked in: agentstream models); its tool versions, thinking shape and prices come from that table.")
    String model;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens per reply (default " + AgentSettings.DEFAULT_MAX_TOKENS + ").")
    Integer maxTokens;

    @Option(names = "--max-turns", paramLabel = "N", description = "Most model replies per task (default " + AgentSettings.DEFAULT_MAX_TURNS + ").")
    Integer maxTurns;

    @Option(names = "--system", paramLabel = "TEXT", description = "Text added to the system prompt.")
    String system;

    @Option(names = "--thinking-budget", paramLabel = "TOKENS", description = "Turn on extended thinking with this budget (at least 1024; default off). Models that think adaptively get thinking {type: adaptive} instead, without the budget.")
    Integer thinkingBudget;

    @Option(names = "--effort", paramLabel = "LEVEL", description = "How much effort the model spends (low, medium, high, xhigh, max), for models that take it; default the model's own.")
    String effort;

    @Option(names = "--keep-screenshots", paramLabel = "N", description = "How many recent screenshots stay in the conversation (default " + AgentSettings.DEFAULT_KEEP_SCREENSHOTS + ").")
    Integer keepScreenshots;

    /** The settings from the config file and the environment, with these options on top (checked). */
    AgentSettings.Builder settings() {
        AgentSettings.Builder settings = SettingsLoader.load();
        if (model != null) settings.model(model);
        if (maxTokens != null) settings.maxTokens(maxTokens);
        if (maxTurns != null) settings.maxTurns(maxTurns);
        if (system != null) settings.extraSystemPrompt(system);
        if (thinkingBudget != null) settings.thinkingBudget(thinkingBudget);
        if (effort != null) settings.effort(effort);
        if (keepScreenshots != null) settings.keepScreenshots(keepScreenshots);
        return settings;
    }
}
