package dev.agentstream.mcp;

import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.view.TerminalText;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one call's events into MCP progress notifications. MCP wants {@code progress} to increase with
 * every notification, with a {@code total} when the end is known:
 * <ul>
 *   <li>a tool that knows its fraction reports a percentage (total 100);</li>
 *   <li>otherwise progress counts the work done: files scanned, entries listed, bytes of output;</li>
 *   <li>when that count has not moved (a heartbeat of a quiet command) it still rises by a thousandth,
 *       so a client that resets its timeout on progress keeps waiting.</li>
 * </ul>
 * The message is the tool's phase and, once there is output, its latest line. When the client asked for
 * the full output, the notifications also carry it in {@link OutputChunks}, all of it before the result.
 * Not thread-safe: one translator per call, fed by the thread delivering that call's events.
 */
final class ProgressTranslator {

    static final double TOTAL_PERCENT = 100;
    private static final double NUDGE = 0.001;
    private static final int MAX_LINE = 160;
    /** An unfinished line longer than this is cut back to its last half. */
    private static final int KEPT_LINE_TAIL = 4 * MAX_LINE;
    /** The counters that measure work done, most telling first. */
    private static final List<String> WORK_COUNTERS = List.of("files", "entries", "bytes", "lines");

    private final Object progressToken;
    private final StringBuilder pendingLine = new StringBuilder();
    private String latestLine = "";
    private final Optional<OutputChunks> chunks;
    private double lastProgress = Double.NEGATIVE_INFINITY;
    private Double lastTotal;
    private String lastPhase;

    ProgressTranslator(Object progressToken) {
        this(progressToken, false);
    }

    /** With {@code carryOutput}, the notifications carry the whole output in chunks. */
    ProgressTranslator(Object progressToken, boolean carryOutput) {
        this.progressToken = progressToken;
        this.chunks = carryOutput ? Optional.of(new OutputChunks()) : Optional.empty();
    }

    /**
     * The notifications this event calls for, oldest first: one for a progress event; when the output is
     * carried, one per full chunk of output, and one with what is left when the call ends.
     */
    List<McpSchema.ProgressNotification> translate(ToolEvent event) {
        List<McpSchema.ProgressNotification> out = new ArrayList<>();
        switch (event) {
            case ToolEvent.Output output -> {
                noteOutput(textOf(output));
                chunks.ifPresent(c -> {
                    c.add(output.text());
                    while (c.full()) out.add(carrying(c.take()));
                });
            }
            case ToolEvent.Progress progress -> out.add(notification(progress));
            case ToolEvent.Completed ignored -> flushChunks(out);
            case ToolEvent.Failed ignored -> flushChunks(out);
            default -> {
            }
        }
        return out;
    }

    private void flushChunks(List<McpSchema.ProgressNotification> out) {
        chunks.ifPresent(c -> c.take().ifPresent(chunk -> out.add(carrying(Optional.of(chunk)))));
    }

    /** A notification for output alone: the work count has not moved, so progress rises by the nudge. */
    private McpSchema.ProgressNotification carrying(Optional<Map<String, Object>> chunk) {
        double value = Math.round((Math.max(lastProgress, 0) + NUDGE) * 1000) / 1000.0;
        lastProgress = value;
        if (lastTotal != null && value > lastTotal) lastTotal = null;
        return new McpSchema.ProgressNotification(progressToken, value, lastTotal, message(lastPhase), chunk.orElse(null));
    }

    private McpSchema.ProgressNotification notification(ToolEvent.Progress progress) {
        Double total = null;
        double value;
        if (progress.fraction().isPresent()) {
            // Hundredths of a percent: 0.55 * 100 is 55.00000000000001 in binary floating point.
            value = Math.round(progress.fraction().getAsDouble() * TOTAL_PERCENT * 100) / 100.0;
            total = TOTAL_PERCENT;
        } else {
            value = workDone(progress.counters());
        }
        if (value <= lastProgress) value = Math.round((lastProgress + NUDGE) * 1000) / 1000.0;
        // A rise past the total (a tool that switched to a percentage late) must not claim more than 100%.
        if (total != null && value > total) total = null;
        lastProgress = value;
        lastTotal = total;
        lastPhase = progress.message();
        Map<String, Object> chunk = chunks.flatMap(OutputChunks::take).orElse(null);
        return new McpSchema.ProgressNotification(progressToken, value, total, message(progress.message()), chunk);
    }

    private static double workDone(Map<String, Long> counters) {
        for (String name : WORK_COUNTERS) {
            Long count = counters.get(name);
            if (count != null) return count;
        }
        Long elapsed = counters.get("elapsedMs");
        return elapsed == null ? 0 : elapsed / 1000.0;
    }

    private String message(String phase) {
        // A line still being drawn (a progress bar, a prompt) is newer than the last finished one.
        String partial = lastPartialLine();
        String line = partial.isBlank() ? latestLine : partial;
        if (line.isBlank()) return phase;
        return (phase == null || phase.isBlank() ? "" : phase + " | ") + line;
    }

    /**
     * Keeps the latest non-blank finished line and the unfinished one. Only the last non-blank line of a chunk
     * can be the latest, so the chunk's lines are looked at from its end, and a chunk of many lines (a file's
     * view, a build log) costs the lines after its last non-blank one, not a cleaned string per line. Of an
     * unfinished line, only as much is taken as the bounded tail kept of it can hold.
     */
    private void noteOutput(CharSequence text) {
        int lastNewline = lastNewline(text, text.length() - 1);
        if (lastNewline >= 0) {
            for (int end = lastNewline; ; ) {
                int start = lastNewline(text, end - 1) + 1;
                String line;
                if (start == 0) { // the chunk's first line ends the line that earlier chunks began
                    pendingLine.append(text, 0, end);
                    line = clean(pendingLine.toString());
                } else {
                    line = clean(text.subSequence(start, end).toString());
                }
                if (!line.isBlank()) {
                    latestLine = line;
                    break;
                }
                if (start == 0) break;
                end = start - 1;
            }
            pendingLine.setLength(0);
        }
        // Of an unfinished line longer than KEPT_LINE_TAIL + 1 chars in this chunk, the cut below keeps only the chunk's
        // last KEPT_LINE_TAIL / 2: appending just its last KEPT_LINE_TAIL + 1 leads to the same cut.
        int from = Math.max(lastNewline + 1, text.length() - (KEPT_LINE_TAIL + 1));
        pendingLine.append(text, from, text.length());
        // A progress bar redrawn with \r never ends its line: keep only a bounded tail of it.
        if (pendingLine.length() > KEPT_LINE_TAIL) pendingLine.delete(0, pendingLine.length() - KEPT_LINE_TAIL / 2);
    }

    /** The output's text; for a chunk of ASCII bytes, the bytes seen as chars, so no string of the whole chunk is made. */
    private static CharSequence textOf(ToolEvent.Output output) {
        byte[] utf8 = output.utf8();
        return utf8 != null && utf8.length == output.textLength() ? new AsciiChars(utf8) : output.text(); // a byte per char: ASCII
    }

    private static int lastNewline(CharSequence text, int from) {
        if (text instanceof String s) return s.lastIndexOf('\n', from);
        for (int i = from; i >= 0; i--) {
            if (text.charAt(i) == '\n') return i;
        }
        return -1;
    }

    /** ASCII bytes read as the chars they encode, without copying them. */
    private static final class AsciiChars implements CharSequence {
        private final byte[] ascii;
        private final int from;
        private final int to;

        AsciiChars(byte[] ascii) {
            this(ascii, 0, ascii.length);
        }

        private AsciiChars(byte[] ascii, int from, int to) {
            this.ascii = ascii;
            this.from = from;
            this.to = to;
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) ascii[from + java.util.Objects.checkIndex(index, to - from)];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            java.util.Objects.checkFromToIndex(start, end, to - from);
            return new AsciiChars(ascii, from + start, from + end);
        }

        @Override
        public String toString() {
            return new String(ascii, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private String lastPartialLine() {
        return clean(pendingLine.toString());
    }

    private static String clean(String line) {
        String text = TerminalText.collapseCarriageReturns(TerminalText.stripAnsi(line)).strip();
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE - 3) + "...";
    }
}
