package dev.agentstream.agent.tools;

import dev.agentstream.core.ToolResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The note that tells the model about calls that ran from a reply it never finished (the stream broke, the
 * turn was requested again, and the new reply did not ask for them). They did run, so the model is told,
 * with what they returned, instead of finding their effects unexplained.
 */
public final class OrphanedCalls {

    private static final int RESULT_CHARS = 600;

    private OrphanedCalls() {}

    /** The note, waiting a bounded time for calls still running. */
    public static String note(List<PendingCall> calls) {
        StringBuilder note = new StringBuilder("Note from the agent runtime: your previous reply was cut off by a connection "
                + "failure and requested again. Before it broke, these tool calls from it had already run (the new reply did not "
                + "repeat them):");
        for (PendingCall call : calls) {
            note.append("\n- ").append(call.call().name()).append(' ').append(call.call().input()).append(" -> ");
            note.append(summary(call));
        }
        return note.toString();
    }

    private static String summary(PendingCall call) {
        try {
            ToolResult result = call.result().get(30, TimeUnit.SECONDS);
            String text = result.text();
            if (text.length() > RESULT_CHARS) text = text.substring(0, RESULT_CHARS) + " [...]";
            return (result.isError() ? "error: " : "") + text;
        } catch (TimeoutException e) {
            return "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "result unknown";
        } catch (java.util.concurrent.ExecutionException e) {
            return "failed: " + e.getCause();
        }
    }
}
