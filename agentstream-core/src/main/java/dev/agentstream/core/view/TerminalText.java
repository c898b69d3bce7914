package dev.agentstream.core.view;

/**
 * Stateless helpers that turn terminal output into plain text. {@code collapseCarriageReturns(stripAnsi(s))}
 * is what {@link ModelView} does to a stream (it does the same incrementally, across appends).
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * Removes ANSI/VT escape sequences (CSI, OSC/DCS/APC/PM/SOS strings, two- and three-char ESC sequences)
     * and control characters, keeping printable text, {@code \n}, {@code \t}, and the overwrite controls
     * {@code \r} and {@code \b} (see {@link #collapseCarriageReturns}). An unterminated sequence at the end is
     * dropped.
     */
    public static String stripAnsi(String s) {
        if (s == null || s.isEmpty()) return s;
        if (!needsStrip(s)) return s;
        char[] a = s.toCharArray();
        int n = new AnsiStripper().strip(a, 0, a.length);
        return new String(a, 0, n);
    }

    /**
     * Applies the line overwrites a terminal would: {@code \r\n} is a newline; a lone {@code \r} returns to
     * the start of the line, so the text written after it replaces the line (only the final state of a
     * progress bar such as {@code 10%\r50%\r100%\n} remains); {@code \b} deletes the previous char of the
     * current line. A {@code \r} at the very end leaves the line as it is.
     */
    public static String collapseCarriageReturns(String s) {
        if (s == null || (s.indexOf('\r') < 0 && s.indexOf('\b') < 0)) return s;
        StringBuilder out = new StringBuilder(s.length());
        int lineStart = 0;
        boolean pendingCr = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> {
                    pendingCr = false;
                    out.append('\n');
                    lineStart = out.length();
                }
                case '\r' -> pendingCr = true;
                case '\b' -> {
                    if (!pendingCr && out.length() > lineStart) deleteLastChar(out, lineStart);
                }
                default -> {
                    if (pendingCr) {
                        out.setLength(lineStart);
                        pendingCr = false;
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    private static void deleteLastChar(StringBuilder out, int lineStart) {
        int len = out.length();
        if (len - 2 >= lineStart && Character.isLowSurrogate(out.charAt(len - 1))
                && Character.isHighSurrogate(out.charAt(len - 2))) {
            out.setLength(len - 2);
        } else {
            out.setLength(len - 1);
        }
    }

    private static boolean needsStrip(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? (c != '\n' && c != '\t' && c != '\r' && c != '\b') : (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }
}
