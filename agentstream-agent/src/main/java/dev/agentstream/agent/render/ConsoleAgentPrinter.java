package dev.agentstream.agent.render;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.TokenUsage;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolResult;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A session for a person at a terminal. The story goes to stdout: the model's words as they stream, its
 * thinking dimmed (or a marker when hidden), each tool call as a one-line header, its output live and
 * indented, and a one-line summary when it ends. Progress bars, token usage, retries and notices go to
 * stderr, so redirecting stdout keeps a clean record.
 */
public final class ConsoleAgentPrinter implements AgentListener {

    private static final String INDENT = "  │ ";
    private static final long PLAIN_PROGRESS_GAP_MS = 1000;
    /** Progress of quick calls is noise: a bar appears only once a call has run this long. */
    private static final long LIVE_PROGRESS_AFTER_MS = 250;
    private static final long PLAIN_PROGRESS_AFTER_MS = 1000;

    /**
     * How to draw: ANSI styling on or off, a live progress bar (a terminal) or plain lines, thinking shown or
     * hidden, the progress line and result summary formats (the CLI passes its own, shared with {@code tool}),
     * and the terminal's width in columns, which the live bar and the status lines are kept within.
     */
    public record Style(boolean color, boolean liveProgress, boolean showThinking,
                        Function<ToolEvent.Progress, String> progressLine, Function<Map<String, Object>, String> summary,
                        int columns) {
        public static final int DEFAULT_COLUMNS = 80;

        public static Style plain() {
            return new Style(false, false, true, ConsoleAgentPrinter::defaultProgress, ConsoleAgentPrinter::defaultSummary, DEFAULT_COLUMNS);
        }
    }

    private enum Mode { NONE, TEXT, THINKING, TOOL }

    private final PrintStream out;
    private final PrintStream err;
    private final Style style;
    private final Map<String, CallState> calls = new HashMap<>();
    private Mode mode = Mode.NONE;
    private boolean outAtLineStart = true;
    /** The call whose header or output is the last thing on stdout, so its next output needs no new header. */
    private String lastOutputCall;
    private boolean barShown;

    private static final class CallState {
        String header;
        boolean sawOutput;
        boolean atLineStart = true;
        long lastPlainProgressT = -PLAIN_PROGRESS_GAP_MS;
    }

    public ConsoleAgentPrinter(PrintStream out, PrintStream err, Style style) {
        this.out = out;
        this.err = err;
        this.style = style;
    }

    @Override
    public synchronized void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.SessionStarted s -> note((s.resumed() ? "resumed session " : "session ") + s.sessionId() + " · " + s.model());
            case AgentEvent.TurnStarted t -> {}
            case AgentEvent.TextDelta t -> text(t.text());
            case AgentEvent.ThinkingDelta t -> thinking(t.text());
            case AgentEvent.ToolUse u -> {
                startLine();
                CallState call = calls.computeIfAbsent(u.id(), id -> new CallState());
                call.header = ToolHeader.describe(u.name(), u.summary());
                out.println(styled("1;36", "● ") + styled("1", call.header));
                outAtLineStart = true;
                mode = Mode.TOOL;
            }
            case AgentEvent.Tool t -> tool(t.event());
            case AgentEvent.ScreenshotSaved s -> {
                startLine();
                out.println("  " + styled("2", "screenshot: ") + s.path());
            }
            case AgentEvent.Usage u -> note("turn " + u.turn() + ": " + usage(u.turnUsage()) + " · " + dollars(u.turnCostUsd())
                    + "  |  session: " + usage(u.sessionUsage()) + " · " + dollars(u.sessionCostUsd()));
            case AgentEvent.TurnEnded t -> {
                startLine();
                // After tool calls the next reply's text is set off by a blank line, as within one reply.
                if (mode != Mode.TOOL) mode = Mode.NONE;
            }
            case AgentEvent.Retrying r -> {
                startLine();
                note(r.reason() + ": retrying in " + seconds(r.delayMs()) + " (retry " + r.attempt() + " of " + r.maxRetries()
                        + "); the partial reply above is discarded");
            }
            case AgentEvent.Notice n -> note(n.message());
            case AgentEvent.SessionEnded e -> ended(e);
        }
        // Events that print nothing on stdout (or only on stderr) leave the last call's lines attributed.
        boolean keepsCallOnScreen = event instanceof AgentEvent.Tool || event instanceof AgentEvent.Usage
                || event instanceof AgentEvent.Notice || event instanceof AgentEvent.Retrying
                || event instanceof AgentEvent.TurnEnded || event instanceof AgentEvent.TurnStarted;
        if (event instanceof AgentEvent.ToolUse u) lastOutputCall = u.id();
        else if (!keepsCallOnScreen) lastOutputCall = null;
        out.flush();
        err.flush();
    }

    private void text(String text) {
        if (mode != Mode.TEXT) {
            startLine();
            if (mode == Mode.TOOL) out.println();
            mode = Mode.TEXT;
        }
        out.print(text);
        if (!text.isEmpty()) outAtLineStart = text.endsWith("\n");
    }

    private void thinking(String text) {
        if (mode != Mode.THINKING) {
            startLine();
            mode = Mode.THINKING;
            if (!style.showThinking()) {
                out.println(styled("2;3", "(thinking...)"));
                outAtLineStart = true;
                return;
            }
        }
        if (!style.showThinking()) return;
        out.print(styled("2;3", text));
        if (!text.isEmpty()) outAtLineStart = text.endsWith("\n");
    }

    private void tool(ToolEvent event) {
        CallState call = calls.computeIfAbsent(event.callId(), id -> new CallState());
        switch (event) {
            case ToolEvent.Started s -> {}
            case ToolEvent.Output o -> output(event.callId(), call, o.text());
            case ToolEvent.Progress p -> progress(call, p);
            case ToolEvent.Image i -> {
                clearBar();
                startLine();
                out.println("  " + styled("2", "[image " + i.width() + "x" + i.height() + " " + i.mediaType() + "]"));
            }
            case ToolEvent.Completed c -> completed(event.callId(), call, c.result());
            case ToolEvent.Failed f -> {
                clearBar();
                startLine();
                out.println("  " + styled("31", "✗ the tool failed inside the runtime: " + f.error().message()));
                calls.remove(event.callId());
            }
        }
    }

    private void output(String callId, CallState call, String text) {
        clearBar();
        // Output continues on the current line only if this call printed last; anything else ends that line first.
        if (!callId.equals(lastOutputCall)) {
            startLine();
            reintroduce(call);
        }
        lastOutputCall = callId;
        call.sawOutput = true;
        StringBuilder indented = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (call.atLineStart && c != '\r') {
                indented.append(INDENT);
                call.atLineStart = false;
            }
            indented.append(c);
            if (c == '\n') call.atLineStart = true;
        }
        out.print(indented);
        outAtLineStart = call.atLineStart;
    }

    /** Another call printed since this one's header: repeat it, dimmed, so the lines below are attributed. */
    private void reintroduce(CallState call) {
        if (call.header == null) return;
        out.println(styled("2", "● " + call.header));
        outAtLineStart = true;
    }

    private void progress(CallState call, ToolEvent.Progress p) {
        if (p.t() < (style.liveProgress() ? LIVE_PROGRESS_AFTER_MS : PLAIN_PROGRESS_AFTER_MS)) return;
        String line = style.progressLine().apply(p);
        if (style.liveProgress()) {
            // A bar wider than the terminal wraps, and every redraw then leaves a stale line behind.
            err.print("\r\033[K  " + clip(line, style.columns() - 3));
            barShown = true;
        } else if (p.t() - call.lastPlainProgressT >= PLAIN_PROGRESS_GAP_MS) {
            err.println("  progress: " + line);
            call.lastPlainProgressT = p.t();
        }
    }

    private void completed(String callId, CallState call, ToolResult result) {
        clearBar();
        startLine();
        if (!callId.equals(lastOutputCall)) reintroduce(call);
        lastOutputCall = callId;
        if (!call.sawOutput || result.isError()) {
            // Buffered mode, or an error the output did not show: the result text is what there is to see.
            String text = result.text().strip();
            if (!text.isEmpty()) {
                String color = result.isError() ? "31" : "0";
                for (String line : text.split("\n", -1)) out.println(INDENT + styled(color, line));
            }
        }
        out.println("  " + styled("2", "└ " + style.summary().apply(result.metadata()) + (result.isError() ? " · error" : "")));
        outAtLineStart = true;
        calls.remove(callId);
    }

    private void ended(AgentEvent.SessionEnded e) {
        startLine();
        mode = Mode.NONE;
        String how = switch (e.reason()) {
            case FINISHED -> "done";
            case CANCELLED -> "stopped";
            default -> e.reason().wireName().replace('_', ' ');
        };
        if (!e.detail().isBlank() && e.reason() != AgentOutcome.Reason.FINISHED) {
            err.println(styled(e.reason() == AgentOutcome.Reason.FAILED ? "31" : "33", e.detail()));
        }
        note(how + " · " + e.turns() + " turn(s) · " + usage(e.usage()) + " · transcript " + e.transcript()
                + " · continue: agentstream run --resume " + e.sessionId() + " \"...\"");
    }

    private void note(String message) {
        clearBar();
        // stdout and stderr share the terminal: a status line never continues the model's unfinished line.
        startLine();
        String text = "[" + message + "]";
        if (style.liveProgress()) {
            for (String line : wrap(text, style.columns() - 1)) err.println(styled("2", line));
        } else {
            err.println(styled("2", text));
        }
    }

    /** {@code text} cut to {@code room} characters, an ellipsis marking the cut. */
    static String clip(String text, int room) {
        int width = Math.max(room, 8);
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** {@code text} broken at spaces into lines of at most {@code room} characters (a longer word is cut). */
    static java.util.List<String> wrap(String text, int room) {
        int width = Math.max(room, 20);
        java.util.List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) line.append(' ');
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }

    private void startLine() {
        if (!outAtLineStart) {
            out.println();
            outAtLineStart = true;
            CallState interrupted = lastOutputCall == null ? null : calls.get(lastOutputCall);
            if (interrupted != null) interrupted.atLineStart = true;
        }
    }

    private void clearBar() {
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
    }

    private String styled(String sgr, String text) {
        return style.color() && !sgr.equals("0") ? "\033[" + sgr + "m" + text + "\033[0m" : text;
    }

    static String usage(TokenUsage u) {
        return String.format(Locale.ROOT, "%,d in · %,d out · %,d cache read · %,d cache write", u.input(), u.output(), u.cacheRead(), u.cacheWrite());
    }

    /** An estimate (the model table's prices), so it says so. */
    static String dollars(double usd) {
        return String.format(Locale.ROOT, usd < 0.01 ? "~$%.4f" : "~$%.2f", usd);
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static String defaultProgress(ToolEvent.Progress p) {
        StringBuilder s = new StringBuilder();
        if (p.fraction().isPresent()) s.append(String.format(Locale.ROOT, "%3.0f%%", p.fraction().getAsDouble() * 100));
        Long elapsed = p.counters().get("elapsedMs");
        if (elapsed != null) s.append(String.format(Locale.ROOT, " %.1fs", elapsed / 1000.0));
        if (p.message() != null) s.append("  ").append(p.message());
        return s.toString().strip();
    }

    static String defaultSummary(Map<String, Object> meta) {
        StringBuilder s = new StringBuilder("[");
        s.append(meta.containsKey("exitCode") ? "exit code " + meta.get("exitCode") : "done");
        if (meta.get("durationMs") instanceof Number ms) s.append(String.format(Locale.ROOT, " · %.2f s", ms.longValue() / 1000.0));
        if (meta.get("lines") instanceof Number lines) s.append(" · ").append(lines).append(" lines");
        if (Boolean.TRUE.equals(meta.get("truncated"))) s.append(" · truncated, full output: ").append(meta.get("spoolPath"));
        return s.append(']').toString();
    }
}
