package dev.agentstream.cli;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How tool calls are drawn for a person, by {@code agentstream tool} (one call on its own) and inside
 * {@code agentstream run}'s story (calls under their headers, several at once). Output goes to stdout as the
 * tool printed it; progress goes to stderr, as a bar redrawn in place on a terminal or as a plain line at
 * most once a second otherwise; each call ends with a one-line summary.
 */
final class ToolCallRenderer implements EventPrinter {

    /** Where a call's lines go. */
    enum Layout {
        /**
         * {@code agentstream tool}: stdout is exactly the tool's output, so it can be redirected or piped; images,
         * failures and the summary go to stderr.
         */
        ALONE("", "", 0, 0),
        /**
         * {@code agentstream run}: each call under its header, its output indented, and its images, failures and
         * summary part of the story on stdout; progress of quick calls is noise, so a call shows none at first.
         */
        IN_STORY("  │ ", "  ", 250, 1000);

        private final String indent;
        private final String margin;
        private final long liveProgressAfterMs;
        private final long plainProgressAfterMs;

        Layout(String indent, String margin, long liveProgressAfterMs, long plainProgressAfterMs) {
            this.indent = indent;
            this.margin = margin;
            this.liveProgressAfterMs = liveProgressAfterMs;
            this.plainProgressAfterMs = plainProgressAfterMs;
        }
    }

    private static final long PLAIN_PROGRESS_GAP_MS = 1000;
    /** Plain progress lines are not bound to a terminal's width, so they take the widest bar. */
    private static final int PLAIN_BAR_WIDTH = 24;

    private final Screen screen;
    private final Layout layout;
    private final boolean buffered;
    private final int barWidth;
    private final Map<String, CallState> calls = new HashMap<>();

    private static final class CallState {
        String header;
        boolean sawOutput;
        long lastPlainProgressT = -PLAIN_PROGRESS_GAP_MS;
    }

    /** @param buffered the calls report only their result (no output events), which is then what is shown */
    ToolCallRenderer(Screen screen, Layout layout, boolean buffered) {
        this.screen = screen;
        this.layout = layout;
        this.buffered = buffered;
        this.barWidth = screen.liveProgress() ? ProgressLine.barWidthFor(screen.columns()) : PLAIN_BAR_WIDTH;
    }

    /** Introduces a call with its one-line header ({@code ● bash  ls}); its output follows under it. */
    synchronized void header(String callId, String header) {
        screen.clearBar();
        call(callId).header = header;
        screen.line(screen.styled("1;36", "● ") + screen.styled("1", header));
        screen.lastCall(callId);
    }

    @Override
    public synchronized void accept(ToolEvent event) {
        CallState call = call(event.callId());
        switch (event) {
            case ToolEvent.Started s -> {}
            case ToolEvent.Output o -> output(event.callId(), call, o.text());
            case ToolEvent.Progress p -> progress(call, p);
            case ToolEvent.Image i -> callLine(String.format(Locale.ROOT, "[image %s %dx%d, %d bytes]",
                    i.mediaType(), i.width(), i.height(), i.bytes().length), "2");
            case ToolEvent.Completed c -> completed(event.callId(), call, c.result());
            case ToolEvent.Failed f -> {
                screen.clearBar();
                attribute(event.callId(), call);
                callLine("✗ the tool failed inside the runtime: " + f.error().message(), "31");
                calls.remove(event.callId());
            }
        }
        screen.flush();
    }

    @Override
    public synchronized void cancelled() {
        screen.status("\n[cancelled]");
        screen.flush();
    }

    private CallState call(String callId) {
        return calls.computeIfAbsent(callId, id -> new CallState());
    }

    private void output(String callId, CallState call, String text) {
        screen.clearBar();
        attribute(callId, call);
        call.sawOutput = true;
        screen.print(indented(text));
    }

    private String indented(String text) {
        if (layout.indent.isEmpty()) return text;
        boolean atLineStart = screen.atLineStart();
        StringBuilder indented = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (atLineStart && c != '\r') {
                indented.append(layout.indent);
                atLineStart = false;
            }
            indented.append(c);
            if (c == '\n') atLineStart = true;
        }
        return indented.toString();
    }

    /**
     * Output continues on the current line only if this call printed last; anything else ends that line first,
     * and the call's header is repeated, dimmed, so the lines below are attributed.
     */
    private void attribute(String callId, CallState call) {
        if (!callId.equals(screen.lastCall())) {
            screen.startLine();
            if (call.header != null) screen.line(screen.styled("2", "● " + call.header));
        }
        screen.lastCall(callId);
    }

    private void progress(CallState call, ToolEvent.Progress p) {
        boolean live = screen.liveProgress();
        if (p.t() < (live ? layout.liveProgressAfterMs : layout.plainProgressAfterMs)) return;
        String line = ProgressLine.render(p, barWidth);
        if (live) {
            screen.bar(layout.margin + line);
        } else if (p.t() - call.lastPlainProgressT >= PLAIN_PROGRESS_GAP_MS) {
            screen.status(layout.margin + "progress: " + line);
            call.lastPlainProgressT = p.t();
        }
    }

    /** A line about the call (not its output): on stderr when stdout is the tool's alone, else in the story. */
    private void callLine(String text, String sgr) {
        screen.clearBar();
        if (layout == Layout.ALONE) {
            screen.status(text);
        } else {
            screen.line(layout.margin + screen.styled(sgr, text));
        }
    }

    private void completed(String callId, CallState call, ToolResult result) {
        calls.remove(callId);
        screen.clearBar();
        screen.startLine();
        attribute(callId, call);
        String toolSummary = result.metadata().get("summary") instanceof String s ? s : null;
        if (layout == Layout.ALONE) {
            // Buffered, or an error: the result text is all there is to see, and it says everything the summary would.
            if (buffered || result.isError()) {
                if (result.isError()) screen.status(result.text());
                else screen.line(result.text());
                return;
            }
            if (toolSummary != null) screen.status(toolSummary);
            screen.status(summary(result.metadata()));
            return;
        }
        if (!call.sawOutput || result.isError()) {
            // Buffered mode, or an error the output did not show: the result text is what there is to see.
            String text = result.text().strip();
            if (!text.isEmpty()) {
                String color = result.isError() ? "31" : "0";
                for (String line : text.split("\n", -1)) screen.line(layout.indent + screen.styled(color, line));
            }
        } else if (toolSummary != null) {
            // The model is sent the tool's own summary after the output (matches, files); the person sees it too.
            screen.line(layout.indent + toolSummary);
        }
        screen.line(layout.margin + screen.styled("2", "└ " + summary(result.metadata()) + (result.isError() ? " · error" : "")));
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
        if (meta.get("durationMs") instanceof Number ms) s.append(" · ").append(String.format(Locale.ROOT, "%.2f s", ms.longValue() / 1000.0));
        if (meta.get("lines") instanceof Number lines) s.append(" · ").append(lines).append(" lines");
        if (Boolean.TRUE.equals(meta.get("truncated"))) {
            s.append(" · model view truncated");
            // a file view keeps no copy: the file is its full output
            if (meta.get("spoolPath") != null) s.append(", full output: ").append(meta.get("spoolPath"));
        }
        return s.append(']').toString();
    }
}
