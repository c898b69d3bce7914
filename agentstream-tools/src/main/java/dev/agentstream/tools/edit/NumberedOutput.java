package dev.agentstream.tools.edit;

import dev.agentstream.core.CallScope;

/**
 * Collects {@code cat -n} text and hands it to the call in chunks as it grows, so a watcher sees a large
 * file arrive piece by piece and memory holds one chunk. Stops taking text at {@code maxCharacters} and
 * remembers the line it stopped in, so the result can say where to continue.
 */
final class NumberedOutput implements Utf8LineNumberer.Sink {

    /** Chars per output event: big enough to keep events cheap, small enough that a full event queue stays small. */
    static final int CHUNK_CHARS = 32 * 1024;

    private final CallScope scope;
    private final long maxCharacters;
    private final StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 256);
    private long emitted;
    private long linesStarted;
    private long firstLine = -1;
    private long lastLine = -1;
    private long cutInLine = -1;
    private boolean cutMidLine;
    /** Where the current line's text starts in {@link #chunk} (0 once an earlier part of it was flushed). */
    private int lineTextStart;
    /** UTF-8 bytes of the current line's text already flushed. */
    private long lineBytesFlushed;
    private long cutLineBytesShown;

    NumberedOutput(CallScope scope, long maxCharacters) {
        this.scope = scope;
        this.maxCharacters = maxCharacters;
    }

    /** Starts line {@code line}: its number, right-aligned, and a tab. Returns false once the limit is reached. */
    boolean startLine(long line) {
        if (cutInLine >= 0) return false;
        int mark = chunk.length();
        Lines.appendNumber(chunk, line);
        if (emitted + chunk.length() > maxCharacters) { // no half line numbers: stop before this line
            chunk.setLength(mark);
            cutInLine = line;
            flush();
            return false;
        }
        if (firstLine < 0) firstLine = line;
        lastLine = line;
        lineTextStart = chunk.length();
        lineBytesFlushed = 0;
        linesStarted++;
        maybeFlush();
        return true;
    }

    boolean text(char[] chars, int offset, int length, long line) {
        if (cutInLine >= 0) return false;
        chunk.append(chars, offset, length);
        return checkLimit(line);
    }

    boolean text(char c, long line) {
        if (cutInLine >= 0) return false;
        if (c == '\n' && emitted + chunk.length() + 1 > maxCharacters) { // the line is whole: the cut comes before the next
            cutInLine = line + 1;
            flush();
            return false;
        }
        chunk.append(c);
        return checkLimit(line);
    }

    /**
     * Hands on numbered text made elsewhere ({@link Utf8LineNumberer}, for a view without a character limit):
     * whole chunks, showing lines {@code first..last} between them,
     * with their UTF-8 bytes when the numbering has them ({@code utf8} null when not).
     */
    @Override
    public void accept(String text, byte[] utf8, int offset, int length, long lineFeeds) {
        flush();
        emitted += text.length();
        if (utf8 == null) scope.output("stdout", text);
        else scope.output("stdout", text, utf8, offset, length, lineFeeds);
    }

    /** As {@link #accept}, for a chunk all of whose bytes are ASCII: its text is made only if someone asks for it. */
    @Override
    public void ascii(byte[] ascii, int offset, int length, long lineFeeds) {
        flush();
        emitted += length;
        scope.outputAscii("stdout", ascii, offset, length, lineFeeds);
    }

    /** Records the lines the chunks given to {@link #accept} showed ({@code first} -1: none). */
    void shown(long first, long last) {
        if (first < 0) return;
        if (firstLine < 0) firstLine = first;
        lastLine = last;
        linesStarted += last - first + 1;
    }

    /** Hands what has been collected to the call once a chunk's worth has built up. */
    void maybeFlush() {
        if (chunk.length() >= CHUNK_CHARS) flush();
    }

    void flush() {
        if (chunk.isEmpty()) return;
        lineBytesFlushed += utf8Length(chunk, lineTextStart, chunk.length());
        lineTextStart = 0;
        emitted += chunk.length();
        scope.output("stdout", chunk.toString());
        chunk.setLength(0);
    }

    private boolean checkLimit(long line) {
        long total = emitted + chunk.length();
        if (total <= maxCharacters) {
            maybeFlush();
            return true;
        }
        int keep = (int) (chunk.length() - (total - maxCharacters));
        if (keep > 0 && Character.isHighSurrogate(chunk.charAt(keep - 1))) keep--;
        chunk.setLength(keep);
        cutInLine = line;
        cutMidLine = true;
        cutLineBytesShown = lineBytesFlushed + utf8Length(chunk, Math.min(lineTextStart, keep), keep);
        flush();
        return false;
    }

    private static long utf8Length(CharSequence s, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    boolean limitReached() {
        return cutInLine >= 0;
    }

    /** The line the {@code max_characters} cut fell in (shown only partly or not at all), or -1. */
    long cutInLine() {
        return cutInLine;
    }

    /** Whether the cut fell inside a line's text (rather than before a line's number). */
    boolean cutMidLine() {
        return cutMidLine;
    }

    /** UTF-8 bytes of the cut line's text that were shown. */
    long cutLineBytesShown() {
        return cutLineBytesShown;
    }

    long linesStarted() {
        return linesStarted;
    }

    long firstLine() {
        return firstLine;
    }

    long lastLine() {
        return lastLine;
    }
}
