package dev.agentstream.cli;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import java.io.PrintStream;
import java.util.Map;

/**
 * For a person: output goes to stdout exactly as the tool printed it; progress goes to stderr, as a
 * bar redrawn in place on a terminal, or as a plain line at most once a second otherwise.
 */
final class ConsoleEventPrinter implements EventPrinter {

    private static final int BAR_WIDTH = 24;
    private static final long PLAIN_PROGRESS_GAP_MS = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean liveBar;
    private final boolean buffered;
    private boolean barShown;
    private long lastPlainProgressT = -PLAIN_PROGRESS_GAP_MS;
    private boolean outputEndsWithNewline = true;

    ConsoleEventPrinter(PrintStream out, PrintStream err, boolean liveBar, boolean buffered) {
        this.out = out;
        this.err = err;
        this.liveBar = liveBar;
        this.buffered = buffered;
    }

    @Override
    public synchronized void accept(ToolEvent event) {
        switch (event) {
            case ToolEvent.Started s -> {}
            case ToolEvent.Output o -> {
                clearBar();
                out.print(o.text());
                out.flush();
                outputEndsWithNewline = o.text().endsWith("\n");
            }
            case ToolEvent.Progress p -> progress(p);
            case ToolEvent.Image i -> {
                clearBar();
                err.printf("[image %s %dx%d, %d bytes]%n", i.mediaType(), i.width(), i.height(), i.bytes().length);
            }
            case ToolEvent.Completed c -> completed(c.result());
            case ToolEvent.Failed f -> {
                clearBar();
                err.println("agentstream: the tool failed inside the runtime: " + f.error().message());
            }
        }
        err.flush();
    }

    @Override
    public synchronized void cancelled() {
        clearBar();
        err.println("\n[cancelled]");
        err.flush();
    }

    private void progress(ToolEvent.Progress p) {
        String line = ProgressLine.render(p, BAR_WIDTH);
        if (liveBar) {
            err.print("\r\033[K" + line);
            barShown = true;
        } else if (p.t() - lastPlainProgressT >= PLAIN_PROGRESS_GAP_MS) {
            err.println("progress: " + line);
            lastPlainProgressT = p.t();
        }
    }

    private void completed(ToolResult result) {
        clearBar();
        if (buffered || result.isError()) {
            (result.isError() ? err : out).println(result.text());
            out.flush();
            return;
        }
        if (!outputEndsWithNewline) out.println();
        out.flush();
        if (result.metadata().get("summary") instanceof String toolSummary) err.println(toolSummary);
        err.println(summary(result.metadata()));
    }

    static String summary(Map<String, Object> meta) {
        StringBuilder s = new StringBuilder("[");
        if (Boolean.TRUE.equals(meta.get("timedOut"))) {
            s.append("still running (timed out)");
        } else if (Boolean.TRUE.equals(meta.get("shellExited"))) {
            s.append("shell exited with status ").append(meta.get("exitCode"));
        } else if (meta.containsKey("exitCode")) {
            s.append("exit code ").append(meta.get("exitCode"));
        } else {
            s.append("done");
        }
        if (Boolean.TRUE.equals(meta.get("cancelled"))) s.append(", cancelled");
        if (meta.get("durationMs") instanceof Number ms) s.append(" · ").append(String.format("%.2f s", ms.longValue() / 1000.0));
        if (meta.get("lines") instanceof Number lines) s.append(" · ").append(lines).append(" lines");
        if (Boolean.TRUE.equals(meta.get("truncated"))) s.append(" · model view truncated, full output: ").append(meta.get("spoolPath"));
        return s.append(']').toString();
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r\033[K");
            err.flush();
            barShown = false;
        }
    }
}
