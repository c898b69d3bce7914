package dev.agentstream.tools.find;

/**
 * Shortens a long line for the model: 300 chars are kept with a marker saying how many were left out.
 * When the match lies beyond the first 300 chars (minified code), the kept window is moved to show it.
 */
final class LineCut {

    static final int KEEP = 300;
    /** How much of the window goes before the match when the window has to move. */
    private static final int LEAD = 60;

    private LineCut() {}

    /** @param focus where in the line the match starts (0 for a context line) */
    static String cut(String line, int focus) {
        return cut(line, focus, 0, false);
    }

    /**
     * @param charsBefore chars of the line before {@code line} (a piece of an over-long line), 0 for a whole line
     * @param continues   whether the line goes on after {@code line}
     */
    static String cut(String line, int focus, long charsBefore, boolean continues) {
        int length = line.length();
        if (length <= KEEP && charsBefore == 0 && !continues) return line;
        int start = length <= KEEP || focus + 20 <= KEEP ? 0 : Math.min(focus - LEAD, length - KEEP);
        start = avoidSplitPair(line, start);
        int end = avoidSplitPair(line, Math.min(length, start + KEEP));
        StringBuilder out = new StringBuilder(KEEP + 64);
        if (start + charsBefore > 0) out.append("[... ").append(start + charsBefore).append(" chars] ");
        out.append(line, start, end);
        if (continues) out.append(" [... the line goes on]");
        else if (end < length) out.append(" [... ").append(length - end).append(" more chars]");
        return out.toString();
    }

    /** Moves a cut point off the middle of a surrogate pair. */
    private static int avoidSplitPair(String line, int index) {
        if (index > 0 && index < line.length() && Character.isLowSurrogate(line.charAt(index))
                && Character.isHighSurrogate(line.charAt(index - 1))) {
            return index - 1;
        }
        return index;
    }
}
