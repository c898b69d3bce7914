package dev.agentstream.tools.edit;

import dev.agentstream.core.ToolInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The edits themselves, on text in memory: pure functions with no I/O. Both take text already in the
 * file's line endings and touch nothing outside the edited region (no tab expansion, no reformatting).
 */
final class TextEdits {

    /** How many occurrence lines an "occurs N times" error lists before it stops. */
    private static final int MAX_LISTED_LINES = 20;

    private TextEdits() {}

    /** The new text and the 1-based lines of it that the edit wrote. */
    record Edited(String text, int firstLine, int lastLine) {}

    static Edited replaceOnce(String text, String oldStr, String newStr, Path path) {
        int first = text.indexOf(oldStr);
        if (first < 0) {
            throw new ToolInputException("No replacement was made: old_str occurs 0 times in " + path
                    + "; view the file and copy the text to replace exactly, including whitespace and indentation.");
        }
        int second = text.indexOf(oldStr, first + 1);
        if (second >= 0) {
            throw new ToolInputException("No replacement was made: old_str occurs " + occurrences(text, oldStr) + " times in " + path
                    + ", on lines " + occurrenceLines(text, oldStr) + "; include more surrounding lines in old_str so it occurs exactly once.");
        }
        String edited = text.substring(0, first) + newStr + text.substring(first + oldStr.length());
        int firstLine = Lines.lineOf(edited, first);
        int lastLine = newStr.isEmpty() ? firstLine : Lines.lineOf(edited, first + newStr.length() - 1);
        return new Edited(edited, firstLine, lastLine);
    }

    /**
     * Inserts {@code insertText} as whole lines after line {@code afterLine} (0: before the first line). The
     * file's trailing-newline state is kept: a file that ended without a line break still does.
     */
    static Edited insert(String text, int afterLine, String insertText, String lineEnding, Path path) {
        int lineCount = Lines.count(text);
        if (afterLine > lineCount) {
            throw new ToolInputException("insert_line " + afterLine + " is past the end of " + path + ", which has " + lineCount
                    + (lineCount == 1 ? " line" : " lines") + "; use a number from 0 (before the first line) to " + lineCount + " (after the last).");
        }
        String block = insertText.endsWith(lineEnding) ? insertText.substring(0, insertText.length() - lineEnding.length()) : insertText;
        String edited;
        boolean endsUnterminated = !text.isEmpty() && !text.endsWith("\n");
        if (afterLine == lineCount && endsUnterminated) {
            edited = text + lineEnding + block;
        } else {
            int offset = Lines.startOf(text, afterLine + 1);
            edited = text.substring(0, offset) + block + lineEnding + text.substring(offset);
        }
        int blockLines = Math.max(1, Lines.count(block + lineEnding));
        return new Edited(edited, afterLine + 1, afterLine + blockLines);
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) count++;
        return count;
    }

    private static String occurrenceLines(String text, String needle) {
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int scanned = 0;
        int total = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            for (int nl = text.indexOf('\n', scanned); nl >= 0 && nl < i; nl = text.indexOf('\n', nl + 1)) {
                line++;
                scanned = nl + 1;
            }
            total++;
            if (lines.size() < MAX_LISTED_LINES) lines.add(line);
        }
        String listed = lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "[" + listed + (total > lines.size() ? ", ..." : "") + "]";
    }
}
