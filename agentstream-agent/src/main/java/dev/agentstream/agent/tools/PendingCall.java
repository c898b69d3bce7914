package dev.agentstream.agent.tools;

import dev.agentstream.core.RunningCall;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A tool call the loop asked for: its result once it ends, and the handle to cancel it while it waits or
 * runs. A call answered without running (its input was unusable) has nothing to cancel; a call held back until
 * an earlier one ends ({@link ToolRunner#startAfter}) is cancelled by never starting.
 */
public final class PendingCall {

    private final ToolCall call;
    private RunningCall running;
    private boolean cancelledBeforeStart;
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

    public synchronized boolean isCancelled() {
        return cancelledBeforeStart || running != null && running.isCancelled();
    }

    synchronized RunningCall running() {
        return running;
    }

    /** Starts a held-back call with {@code start}; false (and nothing started) when it was cancelled first. */
    synchronized boolean begin(Supplier<RunningCall> start) {
        if (cancelledBeforeStart) return false;
        running = start.get();
        return true;
    }

    void complete(ToolResult value) {
        result.complete(value);
    }

    /**
     * Cancels the call if it has not ended; returns at once. Its cancelled result follows within the
     * runtime's cancel deadline, or, for a call still held back, once the call it waits for has ended.
     *
     * @return true if the call was still waiting or running
     */
    public synchronized boolean cancel() {
        if (result.isDone()) return false;
        if (running == null) {
            cancelledBeforeStart = true;
            return true;
        }
        return running.cancel();
    }
}
