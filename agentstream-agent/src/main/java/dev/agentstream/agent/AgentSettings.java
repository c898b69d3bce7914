package dev.agentstream.agent;

import dev.agentstream.agent.AgentConfigException.Setting;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything a session needs to talk to the model. Build one with {@link #builder()} (or
 * {@link SettingsLoader}, which fills it from the config file and the environment).
 *
 * @param thinkingBudget   tokens of extended thinking per turn; 0 turns thinking off (on models that think
 *                         adaptively any positive value turns adaptive thinking on; see the model table)
 * @param effort           output_config.effort for models that take it (low, medium, high, xhigh, max); empty: the model's default
 * @param keepScreenshots  how many of the most recent images stay in the conversation
 * @param screenshotBatch  older images are removed this many at a time, so the prompt cache is rewritten once
 *                         per batch instead of every turn
 * @param displayWidth     the screen size declared for the computer tool, in pixels
 * @param workingDirectory where the tools work, as the system prompt tells the model (default: the process's)
 */
public record AgentSettings(String apiKey, Optional<String> baseUrl, String model, int maxTokens, int maxTurns,
                            String extraSystemPrompt, int thinkingBudget, Optional<String> effort, int keepScreenshots,
                            int screenshotBatch, int displayWidth, int displayHeight, RetrySettings retry, AgentHome home,
                            java.nio.file.Path workingDirectory) {

    /** The current recommended Sonnet-class model, from the model table. */
    public static final String DEFAULT_MODEL = dev.agentstream.agent.model.ModelCatalog.builtIn().defaultModel();
    public static final java.util.List<String> EFFORT_LEVELS = java.util.List.of("low", "medium", "high", "xhigh", "max");
    public static final int DEFAULT_MAX_TOKENS = 16_384;
    public static final int DEFAULT_MAX_TURNS = 50;
    public static final int DEFAULT_KEEP_SCREENSHOTS = 3;
    /** computer-use-demo's min_removal_threshold. */
    public static final int DEFAULT_SCREENSHOT_BATCH = 10;
    public static final int MIN_THINKING_BUDGET = 1_024;

    /** Retries with exponential backoff and full jitter: attempt n waits a random time up to min(max, base * 2^n). */
    public record RetrySettings(int maxRetries, Duration baseDelay, Duration maxDelay) {
        public static RetrySettings defaults() {
            return new RetrySettings(6, Duration.ofSeconds(1), Duration.ofSeconds(32));
        }
    }

    public boolean thinkingEnabled() {
        return thinkingBudget > 0;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiKey = apiKey;
        b.baseUrl = baseUrl.orElse(null);
        b.model = model;
        b.maxTokens = maxTokens;
        b.maxTurns = maxTurns;
        b.extraSystemPrompt = extraSystemPrompt;
        b.thinkingBudget = thinkingBudget;
        b.effort = effort.orElse(null);
        b.keepScreenshots = keepScreenshots;
        b.screenshotBatch = screenshotBatch;
        b.displayWidth = displayWidth;
        b.displayHeight = displayHeight;
        b.retry = retry;
        b.home = home;
        b.workingDirectory = workingDirectory;
        return b;
    }

    private static AgentConfigException problem(Setting setting, AgentConfigException.Wording wording) {
        return new AgentConfigException(setting, wording);
    }

    public static final class Builder {
        private String apiKey;
        private String baseUrl;
        private String model = DEFAULT_MODEL;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int maxTurns = DEFAULT_MAX_TURNS;
        private String extraSystemPrompt = "";
        private int thinkingBudget;
        private String effort;
        private int keepScreenshots = DEFAULT_KEEP_SCREENSHOTS;
        private int screenshotBatch = DEFAULT_SCREENSHOT_BATCH;
        private int displayWidth = 1024;
        private int displayHeight = 768;
        private RetrySettings retry = RetrySettings.defaults();
        private AgentHome home = AgentHome.fromEnvironment();
        private java.nio.file.Path workingDirectory = java.nio.file.Path.of(System.getProperty("user.dir"));

        private Builder() {}

        public Builder apiKey(String value) { this.apiKey = value; return this; }
        public Builder baseUrl(String value) { this.baseUrl = value; return this; }
        public Builder model(String value) { this.model = value; return this; }
        public Builder maxTokens(int value) { this.maxTokens = value; return this; }
        public Builder maxTurns(int value) { this.maxTurns = value; return this; }
        public Builder extraSystemPrompt(String value) { this.extraSystemPrompt = value == null ? "" : value; return this; }
        public Builder thinkingBudget(int value) { this.thinkingBudget = value; return this; }
        public Builder effort(String value) { this.effort = value; return this; }
        public Builder keepScreenshots(int value) { this.keepScreenshots = value; return this; }
        public Builder screenshotBatch(int value) { this.screenshotBatch = value; return this; }
        public Builder display(int width, int height) { this.displayWidth = width; this.displayHeight = height; return this; }
        public Builder retry(RetrySettings value) { this.retry = value; return this; }
        public Builder home(AgentHome value) { this.home = value; return this; }
        public Builder workingDirectory(java.nio.file.Path value) { this.workingDirectory = value; return this; }

        /** Checks the settings and says how to fix the first problem found. */
        public AgentSettings build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new AgentConfigException("No Anthropic API key: set ANTHROPIC_API_KEY (export ANTHROPIC_API_KEY=sk-ant-...) "
                        + "or put \"api_key\" in " + home.configFile() + ".");
            }
            if (model == null || model.isBlank()) {
                throw problem(Setting.MODEL, n -> "The model name is empty; set " + n.apply(Setting.MODEL) + " to a model, e.g. " + DEFAULT_MODEL + ".");
            }
            if (maxTokens < 1) throw problem(Setting.MAX_TOKENS, n -> n.apply(Setting.MAX_TOKENS) + " must be positive, got " + maxTokens + ".");
            if (maxTurns < 1) throw problem(Setting.MAX_TURNS, n -> n.apply(Setting.MAX_TURNS) + " must be positive, got " + maxTurns + ".");
            if (screenshotBatch < 1) {
                throw problem(Setting.SCREENSHOT_BATCH, n -> n.apply(Setting.SCREENSHOT_BATCH) + " must be 1 or more, got " + screenshotBatch + ".");
            }
            if (keepScreenshots < 0) {
                throw problem(Setting.KEEP_SCREENSHOTS, n -> n.apply(Setting.KEEP_SCREENSHOTS) + " must be 0 or more, got " + keepScreenshots + ".");
            }
            if (displayWidth < 1 || displayHeight < 1) throw new AgentConfigException("The display size must be positive, got " + displayWidth + "x" + displayHeight + ".");
            if (thinkingBudget < 0 || thinkingBudget > 0 && thinkingBudget < MIN_THINKING_BUDGET) {
                throw problem(Setting.THINKING_BUDGET, n -> n.apply(Setting.THINKING_BUDGET) + " must be at least " + MIN_THINKING_BUDGET
                        + " tokens (or 0 for off), got " + thinkingBudget + ".");
            }
            if (thinkingBudget >= maxTokens) {
                throw problem(Setting.THINKING_BUDGET, n -> n.apply(Setting.THINKING_BUDGET) + " (" + thinkingBudget + ") must be below "
                        + n.apply(Setting.MAX_TOKENS) + " (" + maxTokens + "); raise " + n.apply(Setting.MAX_TOKENS) + " or lower the budget.");
            }
            if (effort != null && !EFFORT_LEVELS.contains(effort)) {
                throw problem(Setting.EFFORT, n -> n.apply(Setting.EFFORT) + " must be one of " + String.join(", ", EFFORT_LEVELS) + ", got \"" + effort + "\".");
            }
            return new AgentSettings(apiKey, Optional.ofNullable(baseUrl).filter(s -> !s.isBlank()), model, maxTokens, maxTurns,
                    extraSystemPrompt, thinkingBudget, Optional.ofNullable(effort), keepScreenshots, screenshotBatch, displayWidth, displayHeight, retry, home, workingDirectory);
        }
    }
}
