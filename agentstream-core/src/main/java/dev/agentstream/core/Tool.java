package dev.agentstream.core;

/** A tool an agent can call. Implementations start work in {@link #execute} and report it as a stream. */
public interface Tool {

    ToolSpec spec();

    /** Starts the call. The returned stream must end with exactly one terminal event; closing it cancels the work. */
    ToolStream execute(ToolCall call, ToolContext context);

    /**
     * Readies the state this tool keeps in {@code context}'s session before the session's first call, so that call
     * finds it ready (the bash tool starts the shell). Runs on a thread of its own, possibly while calls arrive.
     * What fails here is not reported: the first call does the same work again and reports its failure as it always
     * would. Does nothing by default.
     */
    default void prepare(ToolContext context) {}
}
