package dev.agentstream.tools.edit;

/**
 * Line arithmetic on text held in memory, and the {@code cat -n} line prefix. A line ends at {@code \n}
 * (a {@code \r} before it belongs to the line break); a last line without a break still counts.
 */
final class Lines {

    private static final int NUMBER_WIDTH = 6;

    private Lines() {}

    /** Appends the line number right-aligned in 6 columns and a tab, as {@code cat -n} does. */
    static void appendNumber(StringBuilder out, long number) {
        int digits = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) digits++;
        for (int i = digits; i < NUMBER_WIDTH; i++) out.append(' ');
        out.append(number).append('\t');
    }

    static int count(String text) {
        if (text.isEmpty()) return 0;
        int newlines = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
        return text.endsWith("\n") ? newlines : newlines + 1;
    }

    /** Whether some lines of {@code text} end in LF and others in CRLF. */
    static boolean mixesLineEndings(String text) {
        boolean crlf = false;
        boolean lf = false;
        for (int i = text.indexOf('\n'); i >= 0 && !(crlf && lf); i = text.indexOf('\n', i + 1)) {
            if (i > 0 && text.charAt(i - 1) == '\r') crlf = true;
            else lf = true;
        }
        return crlf && lf;
    }

    /** The 1-based line that holds the char at {@code offset}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
        return line;
    }

    /** The offset where 1-based {@code line} starts; {@code count + 1} gives the end of the text. */
    static int startOf(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', offset);
            if (nl < 0) return text.length();
            offset = nl + 1;
        }
        return offset;
    }

    /** Lines {@code from..to} (1-based, inclusive, clamped to the text) in {@code cat -n} form. */
    static String numbered(String text, int from, int to) {
        StringBuilder out = new StringBuilder();
        int offset = startOf(text, Math.max(1, from));
        for (int line = Math.max(1, from); line <= to && offset < text.length(); line++) {
            int nl = text.indexOf('\n', offset);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > offset && text.charAt(end - 1) == '\r' ? end - 1 : end;
            appendNumber(out, line);
            out.append(text, offset, contentEnd).append('\n');
            offset = nl < 0 ? text.length() : nl + 1;
        }
        return out.toString();
    }
}
