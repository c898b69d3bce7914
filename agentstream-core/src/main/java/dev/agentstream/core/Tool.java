package dev.agentstream.core;

/** A tool an agent can call. Implementations start work in {@link #execute} and report it as a stream. */
public interface Tool {

    ToolSpec spec();

    /** Starts the call. The returned stream must end with exactly one terminal event; closing it cancels the work. */
    ToolStream execute(ToolCall call, ToolContext context);
}
