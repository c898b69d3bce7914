package dev.agentstream.core;

import dev.agentstream.core.view.ModelView;
import dev.agentstream.core.view.ModelViewConfig;
import dev.agentstream.core.view.OutputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs a {@link ToolBody} on a virtual thread and exposes it as a {@link ToolStream}: the one place
 * that guarantees the event contract (Started first, exactly one terminal event, a log line per call).
 */
public final class ToolStreams {

    /** How long closing a stream waits for the tool to clean up after cancelling it. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    private ToolStreams() {}

    /** Starts a tool whose output is terminal output (see {@link OutputKind#TERMINAL}). */
    public static ToolStream start(ToolCall call, ToolContext context, ToolBody body) {
        return start(call, context, OutputKind.TERMINAL, body);
    }

    /**
     * Starts a tool that has declared what its output is: its model view cleans terminal output and keeps
     * file content as it is.
     */
    public static ToolStream start(ToolCall call, ToolContext context, OutputKind kind, ToolBody body) {
        ToolStream stream = new ToolStream(call.id(), ToolStream.DEFAULT_CAPACITY);
        SpoolJanitor.sweepOnce(context.config().spoolDir(), context.config().spoolMaxBytes());
        ModelView view;
        try {
            view = new ModelView(new ModelViewConfig(context.config().outputBudgetChars()), spoolFile(context, call), kind);
        } catch (IOException e) {
            return ToolStream.of(call.id(),
                    new ToolEvent.Started(call.id(), 0, call.name()),
                    new ToolEvent.Failed(call.id(), 0, new ToolError(
                            "Cannot create the spool file for the call's output (" + e.getMessage()
                                    + "); check that the spool directory is writable.", e.getClass().getName())));
        }
        CallScope scope = new CallScope(call, context, stream, view);
        stream.publish(new ToolEvent.Started(call.id(), 0, call.name()));
        Thread worker = Thread.ofVirtual().name("tool-" + call.name() + "-" + call.id()).unstarted(() -> runBody(call, body, scope, view, stream));
        stream.onCancel(() -> {
            scope.cancel();
            try {
                worker.join(CANCEL_GRACE);
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(CANCEL_GRACE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        return stream;
    }

    private static void runBody(ToolCall call, ToolBody body, CallScope scope, ModelView view, ToolStream stream) {
        ToolEvent terminal;
        String outcome;
        try {
            InputText.requireWellFormed(call.input());
            ToolResult result = body.run(scope);
            Map<String, Object> meta = new LinkedHashMap<>(scope.outputMetadata());
            meta.putAll(result.metadata());
            meta.put("durationMs", scope.elapsedMs());
            if (scope.isCancelled()) meta.put("cancelled", true);
            result = new ToolResult(result.content(), result.isError(), meta);
            terminal = new ToolEvent.Completed(call.id(), scope.elapsedMs(), result);
            outcome = scope.isCancelled() ? "cancelled" : result.isError() ? "error" : "ok";
        } catch (ToolInputException e) {
            ToolResult result = ToolResult.error(e.getMessage()).withMetadata(Map.of("durationMs", scope.elapsedMs()));
            terminal = new ToolEvent.Completed(call.id(), scope.elapsedMs(), result);
            outcome = "error";
        } catch (Throwable t) {
            if (t instanceof InterruptedException) Thread.currentThread().interrupt();
            terminal = new ToolEvent.Failed(call.id(), scope.elapsedMs(), ToolError.of(t));
            outcome = "failed";
            CallLog.failure(call, t);
        } finally {
            view.close();
        }
        CallLog.finished(call, outcome, scope);
        stream.publish(terminal);
    }

    private static Path spoolFile(ToolContext context, ToolCall call) {
        String safeId = call.id().replaceAll("[^A-Za-z0-9._-]", "_");
        return context.config().spoolDir().resolve(context.session().id()).resolve(call.name() + "-" + safeId + "-" + System.currentTimeMillis() + ".log");
    }
}
