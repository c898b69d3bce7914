package dev.agentstream.agent.tools;

import dev.agentstream.core.RunningCall;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolResult;
import java.util.concurrent.CompletableFuture;

/**
 * A tool call the loop asked for: its result once it ends, and the handle to cancel it while it waits or
 * runs. A call answered without running (its input was unusable) has nothing to cancel.
 */
public final class PendingCall {

    private final ToolCall call;
    private final RunningCall running;
    private final CompletableFuture<ToolResult> result = new CompletableFuture<>();

    PendingCall(ToolCall call, RunningCall running) {
        this.call = call;
        this.running = running;
    }

    public ToolCall call() {
        return call;
    }

    public CompletableFuture<ToolResult> result() {
        return result;
    }

    public boolean isDone() {
        return result.isDone();
    }

    public boolean isCancelled() {
        return running != null && running.isCancelled();
    }

    RunningCall running() {
        return running;
    }

    void complete(ToolResult value) {
        result.complete(value);
    }

    /**
     * Cancels the call if it has not ended; returns at once. Its cancelled result follows within the
     * runtime's cancel deadline.
     *
     * @return true if the call was still waiting or running
     */
    public boolean cancel() {
        return running != null && !result.isDone() && running.cancel();
    }
}
