package dev.agentstream.tools.edit;

import dev.agentstream.core.ToolInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        return replaceRange(text, first, first + oldStr.length(), newStr);
    }

    /**
     * Like {@link #replaceOnce} for a file whose lines end in both LF and CRLF: each line break of
     * {@code oldStrLf} (given with LF breaks) matches either ending, so text copied from a view matches
     * whichever endings its lines have.
     */
    static Edited replaceOnceAnyLineEnding(String text, String oldStrLf, String newStr, Path path) {
        Pattern anyEnding = Pattern.compile(Arrays.stream(oldStrLf.split("\n", -1)).map(Pattern::quote).collect(Collectors.joining("\r?\n")));
        Matcher matcher = anyEnding.matcher(text);
        if (!matcher.find()) {
            throw new ToolInputException("No replacement was made: old_str occurs 0 times in " + path
                    + ", even with its line breaks matched as either LF or CRLF (the file mixes both); view the file and copy the text"
                    + " to replace exactly, or make its line endings uniform first with bash (for example sed -i 's/\\r$//' " + path + ").");
        }
        int first = matcher.start();
        int end = matcher.end();
        List<Integer> starts = new ArrayList<>();
        starts.add(first);
        for (int from = first + 1; from <= text.length() && matcher.find(from); from = matcher.start() + 1) starts.add(matcher.start());
        if (starts.size() > 1) {
            throw new ToolInputException("No replacement was made: old_str occurs " + starts.size() + " times in " + path
                    + " (line breaks matched as LF or CRLF), on lines " + listLines(text, starts)
                    + "; include more surrounding lines in old_str so it occurs exactly once.");
        }
        return replaceRange(text, first, end, newStr);
    }

    private static Edited replaceRange(String text, int first, int end, String newStr) {
        String edited = text.substring(0, first) + newStr + text.substring(end);
        int firstLine = Lines.lineOf(edited, first);
        int lastLine = newStr.isEmpty() ? firstLine : Lines.lineOf(edited, first + newStr.length() - 1);
        return new Edited(edited, firstLine, lastLine);
    }

    private static String listLines(String text, List<Integer> offsets) {
        List<String> lines = new ArrayList<>();
        for (int offset : offsets.subList(0, Math.min(offsets.size(), MAX_LISTED_LINES))) lines.add(String.valueOf(Lines.lineOf(text, offset)));
        return "[" + String.join(", ", lines) + (offsets.size() > MAX_LISTED_LINES ? ", ..." : "") + "]";
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
