package dev.agentstream.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.CallSummary;
import dev.agentstream.core.ToolEvent;
import java.nio.file.Path;

/**
 * Everything an agent session reports while it runs: the model's words and thinking as they stream, each
 * tool call (and, inside {@link Tool}, every event of the call itself), token usage, retries and the end.
 * The wire form is {@link AgentEventJson}.
 */
public sealed interface AgentEvent {

    record SessionStarted(String sessionId, String model, boolean resumed, Path transcript) implements AgentEvent {}

    record TurnStarted(int turn) implements AgentEvent {}

    record TextDelta(int turn, String text) implements AgentEvent {}

    record ThinkingDelta(int turn, String text) implements AgentEvent {}

    /**
     * A tool_use block is complete (its input JSON has fully arrived); the call starts now. {@code summary} is
     * what the call was asked to do in one line, as its tool's spec says.
     */
    record ToolUse(int turn, String id, String name, JsonNode input, String summary) implements AgentEvent {

        /** A call summarized by its raw input (a tool that says nothing better about its calls). */
        public ToolUse(int turn, String id, String name, JsonNode input) {
            this(turn, id, name, input, CallSummary.rawInput().of(input));
        }
    }

    /** One event of a running tool call; its call id is the tool_use id. */
    record Tool(String toolName, ToolEvent event) implements AgentEvent {}

    /** An image a tool returned, written to a file so a person can look at it. */
    record ScreenshotSaved(String callId, Path path) implements AgentEvent {}

    /** Tokens of a turn and of the session so far, with their estimated cost in USD at the model table's prices. */
    record Usage(int turn, TokenUsage turnUsage, TokenUsage sessionUsage, double turnCostUsd, double sessionCostUsd) implements AgentEvent {}

    record TurnEnded(int turn, String stopReason) implements AgentEvent {}

    /** A request failed in a way worth retrying; whatever streamed of it is discarded. */
    record Retrying(int turn, int attempt, int maxRetries, long delayMs, String reason) implements AgentEvent {}

    /**
     * Something the person watching should know that is not an error of the session. When it is a problem with the
     * model asked for, {@code problem} holds it for a front door to word with its own controls; {@code message} is
     * then its {@link ModelProblem#detail()}.
     */
    record Notice(String message, java.util.Optional<ModelProblem> problem) implements AgentEvent {
        public Notice(String message) {
            this(message, java.util.Optional.empty());
        }

        public Notice(ModelProblem problem) {
            this(problem.detail(), java.util.Optional.of(problem));
        }
    }

    /** The run ended: how ({@link AgentOutcome}), with the transcript that holds the whole session. */
    record SessionEnded(String sessionId, AgentOutcome outcome, Path transcript) implements AgentEvent {
        public AgentOutcome.Reason reason() {
            return outcome.reason();
        }

        public String detail() {
            return outcome.detail();
        }

        public int turns() {
            return outcome.turns();
        }

        public TokenUsage usage() {
            return outcome.usage();
        }
    }
}
