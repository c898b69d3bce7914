package dev.agentstream.tools.find;

import dev.agentstream.tools.fs.BinaryContent;
import dev.agentstream.tools.fs.PathText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Searches one file at a time, grep style: matching lines as {@code path:line:text}, context lines as
 * {@code path-line-text}, {@code --} between groups that are not adjacent.
 *
 * <p>The file is read in chunks of whole lines into one reused buffer, so memory does not grow with the
 * file; line numbers are counted only as far as a match needs them, except across chunk boundaries. A
 * file's lines are handed to the sink chunk by chunk, so a small file's matches arrive together.
 * One instance per thread.
 */
final class FileSearcher {

    private static final int CHUNK_BYTES = 64 * 1024;
    /**
     * The longest line a literal search holds whole; a longer one is searched in pieces of this size that
     * overlap by one byte less than the pattern, so a match across a piece boundary is found exactly once.
     */
    private static final int MAX_LINE_BYTES = 1 << 20;
    /** How far regex pieces overlap: a regex match can be of any length, so only this much is sure to be found. */
    static final int REGEX_OVERLAP = 64 * 1024;

    /** What searching one file found; {@code regexPieces}: lines too long for the heap searched by regex in pieces. */
    record Outcome(boolean binary, long bytes, long matches, long regexPieces) {}

    private record HeldLine(long number, String text) {}

    private final LineMatcher matcher;
    private final int context;
    private final MatchBudget budget;
    private final BooleanSupplier stopped;
    /** Bytes a piece of an over-long line shares with the next piece. */
    private final int overlap;
    /** The longest line held whole. */
    private final int maxLineBytes;
    private byte[] buffer = new byte[CHUNK_BYTES];
    /** {@link #buffer} as the channels read into it: one view for all reads, remade when the buffer is. */
    private ByteBuffer readView = ByteBuffer.wrap(buffer);
    private final StringBuilder out = new StringBuilder();
    /** The last lines of the previous chunk not shown yet: the context before a match at a chunk's start. */
    private final ArrayDeque<HeldLine> held = new ArrayDeque<>();

    // per file
    private String shownPath;
    private long lastShownLine;
    private int afterPending;
    private long matches;
    private long regexPieces;
    /** The chunk begins in the middle of a line (an over-long line cut into pieces). */
    private boolean continuing;
    /** A match of that continuing line was shown already: one line is one result. */
    private boolean continuingShown;
    /** Chars of the continuing line before this chunk, so a shown line says where it starts. */
    private long charsBefore;
    /** The chunk ends in the middle of a line. */
    private boolean piece;
    // per chunk
    private ChunkText chunk;
    private int done;
    private int cursorPosition;
    private long cursorLine;

    FileSearcher(LineMatcher matcher, int context, MatchBudget budget, BooleanSupplier stopped) {
        this.matcher = matcher;
        this.context = context;
        this.budget = budget;
        this.stopped = stopped;
        int longest = matcher.maxMatchBytes();
        this.overlap = longest > 0 ? longest - 1 : REGEX_OVERLAP;
        // a regex needs the whole line; up to a sixteenth of the heap each, so every thread can hold one
        this.maxLineBytes = longest > 0 ? MAX_LINE_BYTES
                : (int) Math.max(MAX_LINE_BYTES, Math.min(Integer.MAX_VALUE - 64, Runtime.getRuntime().maxMemory() / 16));
    }

    /**
     * @param channel      the file, open for reading at its start; the caller closes it
     * @param expectedSize the size the walk saw (or -1): reading stops there without asking the disk for
     *                     an end of file it already knows, one system call less per small file
     */
    Outcome search(Path file, SeekableByteChannel channel, long expectedSize, Consumer<String> sink) throws IOException {
        shownPath = PathText.display(file);
        lastShownLine = 0;
        afterPending = 0;
        matches = 0;
        regexPieces = 0;
        continuing = false;
        continuingShown = false;
        charsBefore = 0;
        held.clear();
        long bytes = 0;
        ReadableByteChannel source = channel;
        long utf16Bytes = -1; // the file's size when it is read transcoded
        try {
            int filled = 0;
            long firstLine = 1;
            boolean eof = false;
            boolean sniffed = false;
            while (true) {
                if (!eof) {
                    int before = filled;
                    filled = fill(source, filled, expectedSize - bytes);
                    bytes += filled - before;
                    eof = filled < buffer.length || bytes == expectedSize;
                }
                if (!sniffed) {
                    sniffed = true;
                    Charset utf16 = utf16ByBom(filled);
                    if (utf16 != null) { // searched as the UTF-8 it decodes to, as ripgrep does
                        channel.position(2);
                        source = new Utf8Transcoder(channel, utf16);
                        utf16Bytes = channel.size();
                        filled = 0;
                        eof = false;
                        expectedSize = -1;
                        continue;
                    }
                    if (BinaryContent.looksBinary(buffer, filled)) return new Outcome(true, bytes, 0, 0);
                }
                if (filled == 0 || stopped.getAsBoolean()) break;
                int chunkEnd = eof ? filled : lastNewline(filled) + 1;
                piece = false;
                if (chunkEnd == 0) {
                    if (buffer.length < maxLineBytes) {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(maxLineBytes, buffer.length * 2L));
                        continue;
                    }
                    chunkEnd = filled; // a line longer than maxLineBytes: searched in overlapping pieces
                    piece = true;
                    if (!continuing && overlap == REGEX_OVERLAP) regexPieces++;
                }
                boolean last = eof && chunkEnd == filled;
                firstLine = searchChunk(chunkEnd, firstLine, last);
                flush(sink);
                int next = chunkEnd;
                if (piece) {
                    next = Math.max(1, chunkEnd - overlap);
                    charsBefore += Utf8.chars(buffer, 0, next);
                    continuing = true;
                } else {
                    continuing = false;
                    continuingShown = false;
                    charsBefore = 0;
                }
                System.arraycopy(buffer, next, buffer, 0, filled - next);
                filled -= next;
                if (last) break;
            }
        } finally {
            flush(sink);
            if (buffer.length > 4 * CHUNK_BYTES) buffer = new byte[CHUNK_BYTES]; // one huge line must not pin memory
            chunk = null;
        }
        return new Outcome(false, utf16Bytes >= 0 ? utf16Bytes : bytes, matches, regexPieces);
    }

    /**
     * Reads into {@code buffer} from {@code filled} until it is full, the file ends, or {@code left} more bytes
     * (the rest of the size the walk saw; negative when unknown) are in; returns the new fill. Less than a full
     * buffer means the file ended. A method of its own, so the JIT compiles the read path early and small.
     */
    private int fill(ReadableByteChannel source, int filled, long left) throws IOException {
        if (readView.array() != buffer) readView = ByteBuffer.wrap(buffer);
        while (filled < buffer.length && left != 0) {
            readView.limit(buffer.length).position(filled);
            int n = source.read(readView);
            if (n < 0) return filled;
            filled += n;
            left -= n;
        }
        return filled;
    }

    /** Searches {@code buffer[0, end)}; returns the number of the line the next chunk starts in. */
    private long searchChunk(int end, long firstLine, boolean last) {
        chunk = matcher.prepare(buffer, end);
        done = 0;
        cursorPosition = 0;
        cursorLine = firstLine;
        int length = chunk.length();
        int from = 0;
        while (from < length && !stopped.getAsBoolean()) {
            int match = matcher.find(chunk, from);
            if (match < 0) break;
            int start = lineStart(match);
            int lineEnd = lineEnd(match);
            if (start == 0 && continuing && continuingShown) { // this line's match was shown from an earlier piece
                from = lineEnd + 1;
                continue;
            }
            if (!budget.take()) break;
            if (start == 0) continuingShown = true;
            long number = lineNumberAt(start);
            showAfterContext(start);
            showBeforeContext(start, number);
            show(':', number, start, lineEnd, chunk.column(start, match));
            matches++;
            afterPending = context;
            done = Math.min(length, lineEnd + 1);
            from = lineEnd + 1;
        }
        showAfterContext(length);
        if (last) return cursorLine;
        long next = lineNumberAt(length);
        if (context > 0) holdTail(next);
        return next;
    }

    private void showAfterContext(int limit) {
        while (afterPending > 0 && done < limit) {
            int end = lineEnd(done);
            show('-', lastShownLine + 1, done, end, 0);
            afterPending--;
            done = Math.min(chunk.length(), end + 1);
        }
    }

    private void showBeforeContext(int matchLineStart, long matchLine) {
        if (context == 0) return;
        long wanted = Math.min(context, matchLine - 1 - lastShownLine);
        int start = matchLineStart;
        int inChunk = 0;
        while (inChunk < wanted && start > done) {
            start = previousLineStart(start);
            inChunk++;
        }
        long fromHeld = 0;
        if (inChunk < wanted && done == 0) {
            for (HeldLine line : held) {
                if (line.number() >= matchLine - wanted && line.number() > lastShownLine) fromHeld++;
            }
        }
        long first = matchLine - inChunk - fromHeld;
        if (lastShownLine > 0 && first > lastShownLine + 1) out.append("--\n");
        if (fromHeld > 0) {
            for (HeldLine line : held) {
                if (line.number() >= first && line.number() < matchLine - inChunk) append('-', line.number(), line.text());
            }
        }
        held.clear();
        for (long number = matchLine - inChunk; number < matchLine; number++) {
            int end = lineEnd(start);
            show('-', number, start, end, 0);
            start = end + 1;
        }
    }

    /** Keeps the chunk's last lines not shown, for context before a match at the next chunk's start. */
    private void holdTail(long nextChunkLine) {
        int length = chunk.length();
        boolean endsWithNewline = length > 0 && chunk.charAt(length - 1) == '\n';
        int end = endsWithNewline ? length - 1 : length;
        long number = endsWithNewline ? nextChunkLine - 1 : nextChunkLine;
        ArrayDeque<HeldLine> tail = new ArrayDeque<>();
        while (tail.size() < context && number > lastShownLine) {
            int start = lineStart(end);
            if (start < done) break;
            tail.addFirst(new HeldLine(number, LineCut.cut(displayed(start, end), 0)));
            number--;
            if (start == 0) break;
            end = start - 1;
        }
        if (done == 0) {
            // A chunk too short to fill the context: lines held from before it still count.
            while (!held.isEmpty() && tail.size() < context) tail.addFirst(held.pollLast());
        }
        held.clear();
        held.addAll(tail);
    }

    private void show(char separator, long number, int start, int end, int focus) {
        long before = start == 0 && continuing ? charsBefore : 0;
        boolean continues = piece && end == chunk.length();
        append(separator, number, LineCut.cut(displayed(start, end), focus, before, continues));
    }

    private void append(char separator, long number, String line) {
        out.append(shownPath).append(separator).append(number).append(separator).append(line).append('\n');
        lastShownLine = number;
    }

    /** The line's text without a Windows line ending's carriage return. */
    private String displayed(int start, int end) {
        if (end > start && chunk.charAt(end - 1) == '\r') end--;
        return chunk.line(start, end);
    }

    private void flush(Consumer<String> sink) {
        if (out.isEmpty()) return;
        sink.accept(out.toString());
        out.setLength(0);
    }

    /** The number of the line at {@code position}; positions asked for never go backwards within a chunk. */
    private long lineNumberAt(int position) {
        cursorLine += chunk.newlines(cursorPosition, position);
        cursorPosition = position;
        return cursorLine;
    }

    private int lineStart(int position) {
        return chunk.newlineBefore(position) + 1;
    }

    private int lineEnd(int position) {
        int newline = chunk.newlineAtOrAfter(position);
        return newline < 0 ? chunk.length() : newline;
    }

    private int previousLineStart(int lineStart) {
        return lineStart < 2 ? 0 : chunk.newlineBefore(lineStart - 1) + 1;
    }

    private Charset utf16ByBom(int filled) {
        if (filled < 2) return null;
        if (buffer[0] == (byte) 0xFF && buffer[1] == (byte) 0xFE) return StandardCharsets.UTF_16LE;
        if (buffer[0] == (byte) 0xFE && buffer[1] == (byte) 0xFF) return StandardCharsets.UTF_16BE;
        return null;
    }

    private int lastNewline(int filled) {
        for (int i = filled - 1; i >= 0; i--) {
            if (buffer[i] == '\n') return i;
        }
        return -1;
    }
}
