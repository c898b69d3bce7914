package dev.agentstream.cli;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentOutcome;
import dev.agentstream.agent.TokenUsage;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A session for a person at a terminal. The story goes to stdout: the model's words as they stream, its
 * thinking dimmed (or a marker when hidden), each tool call as {@link ToolCallRenderer} draws it inside the
 * story (a one-line header, its output live and indented, a one-line summary when it ends). Progress bars,
 * token usage, retries and notices go to stderr, so redirecting stdout keeps a clean record.
 */
final class ConsoleAgentPrinter implements AgentListener {

    /**
     * How to draw: ANSI styling on or off, a live progress bar (a terminal) or plain lines, thinking shown or
     * hidden, and the terminal's width in columns, which the live bar and the status lines are kept within.
     */
    record Style(boolean color, boolean liveProgress, boolean showThinking, int columns) {
        static Style plain() {
            return new Style(false, false, true, Terminal.FALLBACK_COLUMNS);
        }
    }

    private enum Mode { NONE, TEXT, THINKING, TOOL }

    private final Screen screen;
    private final ToolCallRenderer tools;
    private final boolean showThinking;
    private Mode mode = Mode.NONE;

    ConsoleAgentPrinter(PrintStream out, PrintStream err, Style style) {
        this.screen = new Screen(out, err, style.color(), style.liveProgress(), style.columns());
        this.tools = new ToolCallRenderer(screen, ToolCallRenderer.Layout.IN_STORY, false);
        this.showThinking = style.showThinking();
    }

    @Override
    public synchronized void accept(AgentEvent event) {
        switch (event) {
            case AgentEvent.SessionStarted s -> note((s.resumed() ? "resumed session " : "session ") + s.sessionId() + " · " + s.model());
            case AgentEvent.TurnStarted t -> {}
            case AgentEvent.TextDelta t -> text(t.text());
            case AgentEvent.ThinkingDelta t -> thinking(t.text());
            case AgentEvent.ToolUse u -> {
                tools.header(u.id(), ToolHeader.describe(u.name(), u.summary()));
                mode = Mode.TOOL;
            }
            case AgentEvent.Tool t -> tools.accept(t.event());
            case AgentEvent.ScreenshotSaved s -> screen.line("  " + screen.styled("2", "screenshot: ") + s.path());
            case AgentEvent.Usage u -> note("turn " + u.turn() + ": " + usage(u.turnUsage()) + " · " + dollars(u.turnCostUsd())
                    + "  |  session: " + usage(u.sessionUsage()) + " · " + dollars(u.sessionCostUsd()));
            case AgentEvent.TurnEnded t -> {
                screen.startLine();
                // After tool calls the next reply's text is set off by a blank line, as within one reply.
                if (mode != Mode.TOOL) mode = Mode.NONE;
            }
            case AgentEvent.Retrying r -> note(r.reason() + ": retrying in " + seconds(r.delayMs()) + " (retry " + r.attempt()
                    + " of " + r.maxRetries() + "); the partial reply above is discarded");
            case AgentEvent.Notice n -> note(RunWording.notice(n));
            case AgentEvent.SessionEnded e -> ended(e);
        }
        // What the model says, screenshots and the end are not a call's lines: the next output of a call is reintroduced.
        boolean keepsCallOnScreen = event instanceof AgentEvent.Tool || event instanceof AgentEvent.ToolUse
                || event instanceof AgentEvent.Usage || event instanceof AgentEvent.Notice || event instanceof AgentEvent.Retrying
                || event instanceof AgentEvent.TurnEnded || event instanceof AgentEvent.TurnStarted;
        if (!keepsCallOnScreen) screen.lastCall(null);
        screen.flush();
    }

    private void text(String text) {
        if (mode != Mode.TEXT) {
            screen.startLine();
            if (mode == Mode.TOOL) screen.line("");
            mode = Mode.TEXT;
        }
        screen.print(text);
    }

    private void thinking(String text) {
        if (mode != Mode.THINKING) {
            screen.startLine();
            mode = Mode.THINKING;
            if (!showThinking) {
                screen.line(screen.styled("2;3", "(thinking...)"));
                return;
            }
        }
        if (showThinking) screen.print("2;3", text);
    }

    private void ended(AgentEvent.SessionEnded e) {
        screen.startLine();
        mode = Mode.NONE;
        String how = switch (e.reason()) {
            case FINISHED -> "done";
            case CANCELLED -> "stopped";
            default -> e.reason().wireName().replace('_', ' ');
        };
        String ending = RunWording.ending(e.outcome(), e.sessionId());
        if (!ending.isBlank() && e.reason() != AgentOutcome.Reason.FINISHED) {
            screen.status(screen.styled(e.reason() == AgentOutcome.Reason.FAILED ? "31" : "33", ending));
        }
        note(how + " · " + e.turns() + " turn(s) · " + usage(e.usage()) + " · transcript " + e.transcript()
                + " · continue: " + RunWording.continueCommand(e.sessionId(), "..."));
    }

    private void note(String message) {
        // stdout and stderr share the terminal: a status line never continues the model's unfinished line.
        screen.clearBar();
        screen.startLine();
        String text = "[" + message + "]";
        if (screen.liveProgress()) {
            for (String line : Screen.wrap(text, screen.columns() - 1)) screen.status(screen.styled("2", line));
        } else {
            screen.status(screen.styled("2", text));
        }
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
}
