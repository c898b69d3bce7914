package dev.agentstream.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal a command draws on: stdout for the record, stderr for status and the progress bar. It keeps
 * what the drawing needs to stay readable when both streams share one terminal: whether stdout's line is
 * finished, whether a bar is showing, and which tool call printed last (so interleaved calls are told apart).
 */
final class Screen {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final boolean liveProgress;
    private final int columns;
    private boolean outAtLineStart = true;
    private boolean barShown;
    /** The call whose header or output is the last thing on stdout; null when something else printed since. */
    private String lastCall;

    /**
     * @param color        ANSI styling on stdout
     * @param liveProgress stderr is a terminal: one bar redrawn in place (otherwise plain progress lines)
     * @param columns      the terminal's width, which the bar and status lines are kept within
     */
    Screen(PrintStream out, PrintStream err, boolean color, boolean liveProgress, int columns) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.liveProgress = liveProgress;
        this.columns = columns;
    }

    boolean liveProgress() {
        return liveProgress;
    }

    int columns() {
        return columns;
    }

    /** Prints on stdout as is, keeping track of whether its line is finished. */
    void print(String text) {
        out.print(text);
        if (!text.isEmpty()) outAtLineStart = text.endsWith("\n");
    }

    /** Prints {@code text} styled on stdout; whether its line is finished is the text's, not the styling's. */
    void print(String sgr, String text) {
        out.print(styled(sgr, text));
        if (!text.isEmpty()) outAtLineStart = text.endsWith("\n");
    }

    /** A whole line on stdout, starting on a line of its own. */
    void line(String text) {
        startLine();
        out.println(text);
        outAtLineStart = true;
    }

    boolean atLineStart() {
        return outAtLineStart;
    }

    /** Ends stdout's unfinished line, so what comes next (on either stream) starts on its own line. */
    void startLine() {
        if (!outAtLineStart) {
            out.println();
            outAtLineStart = true;
        }
    }

    /** A line on stderr, after the bar is cleared. */
    void status(String text) {
        clearBar();
        err.println(text);
    }

    /** Redraws the progress bar in place (a live terminal only); a bar wider than the terminal would wrap and leave stale lines. */
    void bar(String text) {
        err.print("\r\033[K" + clip(text, columns - 1));
        barShown = true;
    }

    void clearBar() {
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
    }

    String lastCall() {
        return lastCall;
    }

    void lastCall(String callId) {
        lastCall = callId;
    }

    String styled(String sgr, String text) {
        return color && !sgr.equals("0") ? "\033[" + sgr + "m" + text + "\033[0m" : text;
    }

    void flush() {
        out.flush();
        err.flush();
    }

    /** {@code text} cut to {@code room} characters, an ellipsis marking the cut. */
    static String clip(String text, int room) {
        int width = Math.max(room, 8);
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    /** {@code text} broken at spaces into lines of at most {@code room} characters (a longer word is cut). */
    static List<String> wrap(String text, int room) {
        int width = Math.max(room, 20);
        List<String> lines = new ArrayList<>();
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
}
