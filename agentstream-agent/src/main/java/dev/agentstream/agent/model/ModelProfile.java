package dev.agentstream.agent.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One row of the model table ({@code models.json}): what a Claude model takes and costs.
 *
 * @param computerTool   the computer tool's built-in type (a tool version, or the {@code computer_toolset_20260801} toolset),
 *                       or {@code custom} when the model's built-in is one
 *                       agentstream does not speak (the tool is then offered with its own schema)
 * @param editorName     the name the model uses for the text editor
 * @param contextWindow  input tokens the model reads at most
 * @param sources        the documentation pages the row was read from
 * @param appendOnlyHistory whether the model binds each thinking block to everything before it, so that any edit of
 *                       earlier turns makes the next request fail: history is then never edited on the client
 * @param thinkingDisplayDefault the {@code thinking.display} the model uses when the request names none:
 *                       {@code summarized}, or {@code omitted} (thinking blocks come back with empty text)
 */
public record ModelProfile(String id, String displayName, Status status, Optional<String> retiredOn,
                           String computerTool, Optional<String> computerBeta, String editorTool, String editorName,
                           String bashTool, ThinkingMode thinking, boolean interleavedThinkingBeta,
                           List<String> effortLevels, long contextWindow, long maxOutput, Prices price,
                           List<String> sources, boolean appendOnlyHistory, String thinkingDisplayDefault) {

    public static final String CUSTOM = "custom";
    public static final String DISPLAY_SUMMARIZED = "summarized";

    public enum Status { ACTIVE, LEGACY, DEPRECATED, RETIRED;
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How thinking is asked for; see the table's {@code thinking_modes}. */
    public enum ThinkingMode {
        /** {@code thinking: {type: enabled, budget_tokens: N}}. */
        BUDGETED,
        /** {@code thinking: {type: adaptive}}; budgets are refused or deprecated. */
        ADAPTIVE,
        /** Adaptive, and on even when no thinking field is sent. */
        ADAPTIVE_DEFAULT_ON;

        public boolean adaptive() {
            return this != BUDGETED;
        }

        public String label() {
            return switch (this) {
                case BUDGETED -> "budgeted";
                case ADAPTIVE -> "adaptive";
                case ADAPTIVE_DEFAULT_ON -> "adaptive (always on)";
            };
        }
    }

    /** USD per million tokens. */
    public record Prices(double input, double output, double cacheWrite, double cacheRead) {

        /** The estimated cost in USD of the given token counts. */
        public double cost(long input, long output, long cacheWrite, long cacheRead) {
            return (input * this.input + output * this.output + cacheWrite * this.cacheWrite + cacheRead * this.cacheRead) / 1_000_000d;
        }
    }

    /** Whether {@code model} names this row: its id itself, or its id with a date or other suffix. */
    boolean matches(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        return name.equals(id) || name.startsWith(id + "-") || name.startsWith(id + "@");
    }

    /** Whether the model's thinking comes back empty unless the request asks for {@code display: summarized}. */
    public boolean hidesThinkingByDefault() {
        return !thinkingDisplayDefault.equals(DISPLAY_SUMMARIZED);
    }

    public boolean computerIsBuiltIn() {
        return !computerTool.equals(CUSTOM);
    }
}
