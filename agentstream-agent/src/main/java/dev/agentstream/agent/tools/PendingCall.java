package dev.agentstream.agent.tools;

import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.util.concurrent.CompletableFuture;

/**
 * A tool call the loop started: its result once it ends, and the handle to cancel it while it runs.
 * Cancelling closes the call's stream, which kills the processes it started.
 */
public final class PendingCall {

    private final ToolCall call;
    private final CompletableFuture<ToolResult> result = new CompletableFuture<>();
    private ToolStream stream;
    private Thread reader;
    private boolean cancelled;
    private boolean ended;

    PendingCall(ToolCall call) {
        this.call = call;
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
        return cancelled;
    }

    /** Records the running stream and the thread reading it; false if the call was cancelled before it started. */
    synchronized boolean attach(ToolStream stream, Thread reader) {
        this.stream = stream;
        this.reader = reader;
        return !cancelled;
    }

    /** The reading thread is done with the stream; a cancel from now on has nothing to interrupt. */
    synchronized void detach() {
        ended = true;
        reader = null;
    }

    void complete(ToolResult value) {
        result.complete(value);
    }

    /**
     * Cancels the call if it has not ended. Blocks while the tool cleans up (a few seconds at most), so call
     * it off the thread that must stay responsive.
     *
     * @return true if the call was still waiting or running
     */
    public boolean cancel() {
        ToolStream running;
        synchronized (this) {
            if (ended || result.isDone() || cancelled) return false;
            cancelled = true;
            running = stream;
        }
        if (running != null) {
            running.close();
            synchronized (this) {
                // The reader may be blocked waiting for an event that a closed stream will never deliver.
                if (reader != null) reader.interrupt();
            }
        }
        return true;
    }
}
