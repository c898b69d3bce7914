package dev.agentstream.tools.bash;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Splits the shell's output stream into the command's own output and the completion marker that the
 * session's PROMPT_COMMAND prints after every command ({@code ESC ] 697;done;NONCE;STATUS BEL}, an OSC
 * sequence a terminal would ignore). A marker split across two reads is recognised; text that might be
 * the start of a marker is held back until the next read decides. Not thread-safe: one reader.
 */
final class CompletionScanner {

    private final String markerPrefix;
    private String held = "";

    CompletionScanner(String nonce) {
        this.markerPrefix = "\u001b]697;done;" + nonce + ";";
    }

    String markerPrefix() {
        return markerPrefix;
    }

    /** Feeds decoded text; the command's output goes to {@code output}, each marker's status to {@code completed}. */
    void feed(String text, Consumer<String> output, IntConsumer completed) {
        String pending = held.isEmpty() ? text : held + text;
        held = "";
        int from = 0;
        while (from < pending.length()) {
            int start = pending.indexOf(markerPrefix, from);
            if (start < 0) {
                int keep = partialMarkerStart(pending, from);
                emit(pending, from, keep, output);
                held = pending.substring(keep);
                return;
            }
            emit(pending, from, start, output);
            int bell = pending.indexOf('\u0007', start + markerPrefix.length());
            if (bell < 0) {
                held = pending.substring(start);
                return;
            }
            completed.accept(parseStatus(pending.substring(start + markerPrefix.length(), bell)));
            from = bell + 1;
        }
    }

    /** Where a possible marker start begins at the end of {@code s}, or its length if there is none. */
    private int partialMarkerStart(String s, int from) {
        int esc = s.lastIndexOf('\u001b');
        if (esc < from) return s.length();
        String tail = s.substring(esc);
        return markerPrefix.startsWith(tail) ? esc : s.length();
    }

    private static void emit(String s, int from, int to, Consumer<String> output) {
        if (to > from) output.accept(s.substring(from, to));
    }

    private static int parseStatus(String digits) {
        try {
            return Integer.parseInt(digits.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
