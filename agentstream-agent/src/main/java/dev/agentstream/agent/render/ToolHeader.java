package dev.agentstream.agent.render;

/**
 * The one line that introduces a tool call: the tool and what it was asked to do, in the words of the
 * tool's own summary (the command, the path, the action), cut to the width of a line.
 */
public final class ToolHeader {

    private static final int WIDTH = 120;

    private ToolHeader() {}

    public static String describe(String tool, String summary) {
        return summary == null || summary.isBlank() ? tool : tool + "  " + shorten(summary);
    }

    private static String shorten(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
    }
}
