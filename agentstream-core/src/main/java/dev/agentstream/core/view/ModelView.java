package dev.agentstream.core.view;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accumulates one call's raw output and renders what the model is sent.
 *
 * <p>Every appended char is written unchanged to the spool file (UTF-8), so the full output is never lost.
 * The file is created with the first output: a call without output (a screenshot) leaves none. Output that can
 * be read again from where it came from (a file's lines) need not be copied: after {@link #withoutSpool(String)}
 * nothing is written, and the marker says where to read what it left out.
 * In memory, {@link OutputKind#TERMINAL} output is cleaned as it streams ({@link AnsiStripper}: escape sequences and controls
 * removed; then line overwrites: a lone {@code \r} restarts the current line, {@code \r\n} is a newline,
 * {@code \b} deletes a char); {@link OutputKind#FILE_CONTENT} is kept as it is, only split into lines at
 * {@code \n}. Either way only a head and a tail of the (cleaned) text are kept:
 * <ul>
 *   <li>while the cleaned text fits in the budget it is all kept and {@link #render()} returns it exactly;</li>
 *   <li>once it is larger, the head is the first line-aligned part of the first {@code budget/2} chars
 *       (cut mid-line only when a line boundary would leave it less than half full), and the tail is the last
 *       {@code budget - head} chars, starting at a line boundary when one lies in its first half; between
 *       them {@code render()} puts one marker line naming the omitted lines and size and the spool path.</li>
 * </ul>
 * Memory is O(budget) however large the output: the current line is force-committed (as if it ended
 * without a newline) once it reaches {@code max(budget, 8192)} chars, and the tail is a fixed ring.
 *
 * <p>One writer thread; the methods are synchronized, so another thread may call {@link #render()} or the
 * counters mid-stream.
 */
public final class ModelView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelView.class);

    private static final int CHUNK = 8192;
    private static final int MIN_LINE_CAP = 8192;
    /** The spool's first buffer (off the heap, freed only when the spool is closed and collected: kept small; larger output gets more). */
    private static final int SPOOL_BUFFER_BYTES = 1 << 16;
    /** The marker's source ("full output: " and a path of 150 chars) up to which its line stays within 300 chars; longer ones shrink the tail. */
    private static final int PATH_ALLOWANCE = "full output: ".length() + 150;

    private final int budget;
    private final OutputKind kind;
    private long contentUtf8;
    private final int headWindow;
    private final int lineCap;
    private final Path spoolPath;
    /** What the marker line names as the place to read omitted output: the spool file, or the caller's source. */
    private String markerSource;
    /** Set by {@link #withoutSpool(String)}: output is counted as it would be spooled, and kept nowhere. */
    private boolean notSpooled;
    private OutputStream spool;
    /** A high surrogate that ended the last append: encoded with the low one the next append starts with. */
    private char spoolPendingHigh;
    private IOException spoolError;
    private boolean closed;

    private final AnsiStripper stripper = new AnsiStripper();
    private final char[] scratch = new char[CHUNK];

    // the current (uncommitted) line: still subject to \r and \b
    private char[] line = new char[256];
    private int lineLen;
    private boolean pendingCr;

    // committed cleaned text
    private long committedChars;
    private long committedNewlines;
    private long committedUtf8;
    private boolean lastCommittedNewline = true;
    /** Phase 1: all committed text while it fits in the budget; null from phase 2 on. */
    private StringBuilder all = new StringBuilder();
    // phase 2
    private String head;
    private long headNewlines;
    private long headUtf8;
    private CharRing ring; // capacity tailCap + 1: one char more than the tail, to see a line boundary
    private int tailCap;

    private long version;
    private long renderedVersion = -1;
    private Rendered rendered;

    /** An open control string longer than this is reported; real titles and hyperlinks are shorter. */
    private static final int OPEN_STRING_NOTE_THRESHOLD = 4096;

    /**
     * @param firstOmittedLine the 1-based line of the output where the omitted part starts (0 when nothing is omitted)
     * @param lastOmittedLine the line where it ends: the tail's first line when the tail starts inside it
     */
    private record Rendered(String text, boolean truncated, long omittedLines, long omittedChars, long firstOmittedLine,
                            long lastOmittedLine) {
        Rendered withNote(String note) {
            String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            return new Rendered(text + sep + note + "\n", truncated, omittedLines, omittedChars, firstOmittedLine, lastOmittedLine);
        }
    }

    /** A view of terminal output. */
    public ModelView(ModelViewConfig config, Path spoolFile) throws IOException {
        this(config, spoolFile, OutputKind.TERMINAL);
    }

    public ModelView(ModelViewConfig config, Path spoolFile, OutputKind kind) throws IOException {
        Objects.requireNonNull(config, "config");
        this.kind = Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spoolFile, "spoolFile");
        this.budget = config.budgetChars();
        this.headWindow = Math.max(1, budget / 2);
        this.lineCap = Math.max(budget, MIN_LINE_CAP);
        this.spoolPath = spoolFile;
        this.markerSource = "full output: " + spoolFile.toAbsolutePath();
        Path parent = spoolFile.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    /** True once output was appended to a spool, so the spool file exists. */
    public synchronized boolean hasSpool() {
        return spool != null && !notSpooled;
    }

    /**
     * Keeps no copy of this output, for output the model can read again from its source: a file's lines, which
     * a copy would only duplicate on disk (a view of a 1 GB file would leave 1.2 GB in the spool). The marker
     * line then says {@code omittedSource} (e.g. how to read the omitted lines) instead of naming a spool file.
     *
     * @throws IllegalStateException once output was spooled
     */
    public synchronized void withoutSpool(String omittedSource) {
        Objects.requireNonNull(omittedSource, "omittedSource");
        if (spool != null && !notSpooled) throw new IllegalStateException("output was already spooled to " + spoolPath);
        notSpooled = true;
        markerSource = omittedSource;
        spool = OutputStream.nullOutputStream();
        version++;
    }

    /**
     * Adds raw output as produced (ANSI escapes, {@code \r} overwrites, partial lines, sequences split across
     * appends are all fine).
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void append(String rawText) {
        ensureOpen();
        if (rawText == null || rawText.isEmpty()) return;
        version++;
        if (spoolError == null && spoolPendingHigh == 0 && !Character.isHighSurrogate(rawText.charAt(rawText.length() - 1))) {
            byte[] utf8 = rawText.getBytes(StandardCharsets.UTF_8);
            if (writeSpool(utf8, 0, utf8.length)) {
                appendSpooled(rawText, utf8, 0, utf8.length, true, -1);
                return;
            }
        }
        long spooled = writeSpool(rawText);
        if (spooled >= 0 && kind == OutputKind.FILE_CONTENT) contentUtf8 += spooled;
        appendChars(rawText, spooled >= 0);
    }

    /**
     * Adds output whose UTF-8 encoding the caller already has: {@code utf8[offset, offset + length)} must be
     * exactly {@code text.getBytes(UTF_8)}. The bytes are spooled as they are, and file content is counted
     * over them, so the text is not encoded a second time.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void append(String text, byte[] utf8, int offset, int length) {
        append(text, utf8, offset, length, -1);
    }

    /**
     * As {@link #append(String, byte[], int, int)}, for a caller that knows how many line feeds the bytes hold
     * ({@code lineFeeds}, or -1 when it does not): they are not counted again.
     */
    public synchronized void append(String text, byte[] utf8, int offset, int length, long lineFeeds) {
        ensureOpen();
        if (text == null || text.isEmpty()) return;
        if (spoolError != null || spoolPendingHigh != 0) { // the text must be joined to a surrogate or counted by chars
            append(text);
            return;
        }
        version++;
        if (writeSpool(utf8, offset, length)) appendSpooled(text, utf8, offset, length, false, lineFeeds);
        else appendChars(text, false);
    }

    /**
     * Adds output all of whose bytes are ASCII ({@code ascii[offset, offset + length)}, each below 0x80), so they
     * are its UTF-8 encoding and each is one char. Once only the tail of file content is kept, the bytes are
     * spooled and counted and only the tail's last chars are made from them: no string of the whole chunk.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void appendAscii(byte[] ascii, int offset, int length, long lineFeeds) {
        ensureOpen();
        if (length == 0) return;
        if (kind != OutputKind.FILE_CONTENT || all != null || spoolError != null || spoolPendingHigh != 0) {
            append(new String(ascii, offset, length, StandardCharsets.ISO_8859_1), ascii, offset, length, lineFeeds);
            return;
        }
        version++;
        if (!writeSpool(ascii, offset, length)) {
            appendChars(new String(ascii, offset, length, StandardCharsets.ISO_8859_1), false);
            return;
        }
        contentUtf8 += length;
        int kept = Math.min(length, ring.capacity());
        String tail = new String(ascii, offset + length - kept, kept, StandardCharsets.ISO_8859_1);
        commitToTail(length, lineFeeds >= 0 ? lineFeeds : ByteScan.count(ascii, offset, offset + length, (byte) '\n'), length, tail, 0);
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("ModelView is closed: " + spoolPath);
    }

    /** The text, spooled as {@code utf8[offset, offset + length)}, into the in-memory view. */
    private void appendSpooled(String text, byte[] utf8, int offset, int length, boolean mayHoldLoneSurrogates, long lineFeeds) {
        if (kind == OutputKind.FILE_CONTENT) {
            contentUtf8 += length;
            if (all == null) {
                appendToTail(text, utf8, offset, length, mayHoldLoneSurrogates, lineFeeds);
                return;
            }
        }
        appendChars(text, true);
    }

    /** The text into the in-memory view char by char, a chunk at a time; file content's bytes are counted here unless they were already. */
    private void appendChars(String rawText, boolean contentCounted) {
        final int len = rawText.length();
        final char[] a = scratch;
        for (int off = 0; off < len; off += CHUNK) {
            int end = Math.min(len, off + CHUNK);
            rawText.getChars(off, end, a, 0);
            if (kind == OutputKind.TERMINAL) {
                processLines(a, stripper.strip(a, 0, end - off));
            } else {
                if (!contentCounted) contentUtf8 += utf8Length(a, 0, end - off);
                splitLines(a, end - off);
            }
        }
    }

    /**
     * File content once only the tail is kept: nothing about its lines changes what is kept, so the text is
     * committed whole, its line feeds counted over its UTF-8 bytes, and only its last chars (as many as the
     * ring holds) are copied, instead of copying it into chars and walking them. Committing it so leaves the
     * counters and the ring as committing its lines one by one would.
     */
    private void appendToTail(String text, byte[] utf8, int offset, int length, boolean mayHoldLoneSurrogates, long lineFeeds) {
        int n = text.length();
        // bytes as utf8Length counts them: UTF-8 writes a lone surrogate as one byte, '?', utf8Length counts it 2
        long loneSurrogates = mayHoldLoneSurrogates ? ByteScan.count(utf8, offset, offset + length, (byte) '?') - count(text, '?') : 0;
        commitToTail(n, lineFeeds >= 0 ? lineFeeds : ByteScan.count(utf8, offset, offset + length, (byte) '\n'),
                length + loneSurrogates, text, Math.max(0, n - ring.capacity()));
    }

    /**
     * Commits file content of {@code chars} chars, {@code newlines} line feeds and {@code utf8Bytes} bytes at once,
     * whose end is {@code end} from {@code from} on (its last chars, at least as many as the ring holds or all of it).
     */
    private void commitToTail(long chars, long newlines, long utf8Bytes, String end, int from) {
        commit(false); // a line the chars path began, as a partial line: the same text goes into the ring before this
        committedChars += chars;
        committedNewlines += newlines;
        committedUtf8 += utf8Bytes;
        lastCommittedNewline = end.charAt(end.length() - 1) == '\n';
        ring.write(end, from, end.length());
    }

    private static long count(String s, char c) {
        long n = 0;
        for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
        return n;
    }

    /** File content: every char is kept; only {@code \n} ends a line. */
    private void splitLines(char[] a, int n) {
        int lastNewline = lastIndexOfNewline(a, n);
        if (all == null && lastNewline >= 0) {
            commitLinesInBulk(a, lastNewline + 1);
            if (lastNewline + 1 < n) addToLine(a, lastNewline + 1, n - lastNewline - 1);
            return;
        }
        int i = 0;
        while (i < n) {
            int nl = i;
            while (nl < n && a[nl] != '\n') nl++;
            if (nl > i) addToLine(a, i, nl - i);
            if (nl < n) commit(true);
            i = nl + 1;
        }
    }

    /**
     * Once only the tail is kept, whole lines of file content need no line-by-line work: {@code a[0, end)} ends
     * with a newline, and committing it at once leaves the counters and the ring as committing its lines one by
     * one (after the current line) would.
     */
    private void commitLinesInBulk(char[] a, int end) {
        long newlines = 0;
        for (int i = 0; i < end; i++) {
            if (a[i] == '\n') newlines++;
        }
        committedChars += lineLen + end;
        committedUtf8 += utf8Length(line, 0, lineLen) + utf8Length(a, 0, end);
        committedNewlines += newlines;
        lastCommittedNewline = true;
        ring.write(line, 0, lineLen);
        ring.write(a, 0, end);
        lineLen = 0;
    }

    private static int lastIndexOfNewline(char[] a, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (a[i] == '\n') return i;
        }
        return -1;
    }

    /** What kind of output this view shows, and so whether it cleans it. */
    public OutputKind kind() {
        return kind;
    }

    private void processLines(char[] a, int n) {
        int i = 0;
        while (i < n) {
            char c = a[i];
            if (c == '\n') {
                pendingCr = false;
                commit(true);
                i++;
            } else if (c == '\r') {
                pendingCr = true;
                i++;
            } else if (c == '\b') {
                if (!pendingCr) backspace(); // after \r the cursor is at column 0: nothing to delete
                i++;
            } else {
                int j = i + 1;
                while (j < n) {
                    char d = a[j];
                    if (d == '\n' || d == '\r' || d == '\b') break;
                    j++;
                }
                if (pendingCr) {
                    lineLen = 0;
                    pendingCr = false;
                }
                addToLine(a, i, j - i);
                i = j;
            }
        }
    }

    private void addToLine(char[] a, int off, int len) {
        while (len > 0) {
            if (lineLen == lineCap) commit(false); // force-commit an endless line: memory stays flat
            int k = Math.min(len, lineCap - lineLen);
            if (lineLen + k > line.length) {
                char[] bigger = new char[Math.min(lineCap, Math.max(lineLen + k, line.length * 2))];
                System.arraycopy(line, 0, bigger, 0, lineLen);
                line = bigger;
            }
            System.arraycopy(a, off, line, lineLen, k);
            lineLen += k;
            off += k;
            len -= k;
        }
    }

    private void backspace() {
        if (lineLen == 0) return;
        if (lineLen >= 2 && Character.isLowSurrogate(line[lineLen - 1])
                && Character.isHighSurrogate(line[lineLen - 2])) {
            lineLen -= 2;
        } else {
            lineLen--;
        }
    }

    private void commit(boolean newline) {
        int len = lineLen;
        if (len == 0 && !newline) return;
        int nl = newline ? 1 : 0;
        committedChars += len + nl;
        committedUtf8 += utf8Length(line, 0, len) + nl;
        committedNewlines += nl;
        lastCommittedNewline = newline;
        if (all != null) {
            all.append(line, 0, len);
            if (newline) all.append('\n');
            if (all.length() > budget) split();
        } else {
            ring.write(line, 0, len);
            if (newline) ring.write('\n');
        }
        lineLen = 0;
    }

    /** Phase 1 to phase 2: fix the head, move the rest into the tail ring. */
    private void split() {
        int headEnd = chooseHeadEnd(all, headWindow);
        head = all.substring(0, headEnd);
        headNewlines = countNewlines(head);
        headUtf8 = utf8Length(head);
        tailCap = budget - headEnd;
        ring = new CharRing(tailCap + 1);
        ring.write(all.substring(headEnd), 0, all.length() - headEnd);
        all = null;
    }

    /** The end of the head within {@code src} (longer than {@code window}): line-aligned when reasonable. */
    private static int chooseHeadEnd(CharSequence src, int window) {
        if (src.charAt(window - 1) == '\n') return window;
        for (int k = window - 2, min = window / 2 - 1; k >= 0 && k >= min; k--) {
            if (src.charAt(k) == '\n') return k + 1;
        }
        return Character.isHighSurrogate(src.charAt(window - 1)) ? window - 1 : window;
    }

    /**
     * What the model is sent: the cleaned text when it fits in the budget, otherwise head, one marker line
     * and tail. May be called at any time, also mid-stream and after {@link #close()}.
     */
    public synchronized String render() {
        return compute().text();
    }

    private Rendered compute() {
        if (renderedVersion == version && rendered != null) return rendered;
        Rendered r;
        if (all != null && all.length() + lineLen <= budget) {
            String text = lineLen == 0 ? all.toString()
                    : new StringBuilder(all.length() + lineLen).append(all).append(line, 0, lineLen).toString();
            r = new Rendered(text, false, 0, 0, 0, 0);
        } else if (all != null) { // phase 1 but the current line makes it too long: split without committing
            StringBuilder combined = new StringBuilder(all.length() + lineLen).append(all).append(line, 0, lineLen);
            int headEnd = chooseHeadEnd(combined, headWindow);
            String h = combined.substring(0, headEnd);
            r = truncated(h, countNewlines(h), utf8Length(h), combined, budget - headEnd);
        } else {
            StringBuilder tailSrc = new StringBuilder(ring.size() + lineLen);
            ring.appendTo(tailSrc);
            tailSrc.append(line, 0, lineLen);
            r = truncated(head, headNewlines, headUtf8, tailSrc, tailCap);
        }
        long hidden = kind == OutputKind.TERMINAL ? stripper.hiddenInOpenStrings(OPEN_STRING_NOTE_THRESHOLD) : 0;
        if (hidden > 0) {
            r = r.withNote(String.format(Locale.ROOT,
                    "[%,d characters of output were hidden inside a terminal control string (%s) that did not end,"
                            + " as a terminal hides them; %s]",
                    hidden, stripper.lastStringIntroducer(), markerSource));
        }
        rendered = r;
        renderedVersion = version;
        return r;
    }

    /**
     * @param tailSrc text ending with the end of the output, with at least one char before the tail window
     */
    private Rendered truncated(String h, long hNewlines, long hUtf8, CharSequence tailSrc, int cap) {
        int sourcePenalty = Math.max(0, markerSource.length() - PATH_ALLOWANCE);
        int len = tailSrc.length();
        int window = Math.min(len, Math.max(0, cap - sourcePenalty));
        int start = len - window;
        if (start > 0 && tailSrc.charAt(start - 1) != '\n') {
            int found = -1;
            for (int k = start, limit = Math.min(len, start + window / 2); k < limit; k++) {
                if (tailSrc.charAt(k) == '\n') {
                    found = k + 1;
                    break;
                }
            }
            if (found >= 0) {
                start = found;
            } else if (start < len && Character.isLowSurrogate(tailSrc.charAt(start))
                    && Character.isHighSurrogate(tailSrc.charAt(start - 1))) {
                start++;
            }
        }
        String tail = tailSrc.subSequence(start, len).toString();

        long totalChars = committedChars + lineLen;
        long totalUtf8 = committedUtf8 + utf8Length(line, 0, lineLen);
        long omittedChars = totalChars - h.length() - tail.length();
        long omittedLines = committedNewlines - hNewlines - countNewlines(tail);
        long omittedBytes = totalUtf8 - hUtf8 - utf8Length(tail);

        StringBuilder sb = new StringBuilder(h.length() + tail.length() + 200 + markerSource.length());
        sb.append(h);
        if (!h.isEmpty() && h.charAt(h.length() - 1) != '\n') sb.append('\n');
        sb.append("[... ");
        if (omittedLines > 0) {
            sb.append(String.format(Locale.ROOT, "%,d", omittedLines)).append(omittedLines == 1 ? " line (" : " lines (")
                    .append(humanSize(omittedBytes)).append(')');
        } else {
            sb.append(humanSize(omittedBytes)).append(" of one line");
        }
        sb.append(" omitted; ").append(markerSource);
        if (spoolError != null) sb.append(" (incomplete: spool write failed)");
        sb.append(" ...]\n");
        sb.append(tail);
        boolean tailAtLineStart = start == 0 || tailSrc.charAt(start - 1) == '\n';
        long firstOmitted = hNewlines + 1;
        return new Rendered(sb.toString(), true, omittedLines, omittedChars, firstOmitted,
                firstOmitted + omittedLines - (tailAtLineStart ? 1 : 0));
    }

    /** UTF-8 bytes of raw text seen. */
    public synchronized long bytes() {
        return kind == OutputKind.TERMINAL ? stripper.utf8Bytes() : contentUtf8;
    }

    /** Newline count of the cleaned text, plus one if a partial last line exists. */
    public synchronized long lines() {
        boolean partial = lineLen > 0 || (committedChars > 0 && !lastCommittedNewline);
        return committedNewlines + (partial ? 1 : 0);
    }

    /** Whether {@link #render()} (now) omits part of the cleaned text. */
    public synchronized boolean truncated() {
        return all == null || all.length() + lineLen > budget;
    }

    /** Lines omitted by {@link #render()} now (newlines in the omitted part). */
    public synchronized long omittedLines() {
        return compute().omittedLines();
    }

    /**
     * The lines of the (cleaned) output that {@link #render()} now leaves out wholly or in part, 1-based and
     * inclusive: {@code [first, last]}, or empty when nothing is omitted. A line cut at the head's end or the
     * tail's start is included, so reading these lines gives everything the marker stands for.
     */
    public synchronized Optional<LineSpan> omittedLineSpan() {
        Rendered r = compute();
        return r.truncated() ? Optional.of(new LineSpan(r.firstOmittedLine(), Math.max(r.firstOmittedLine(), r.lastOmittedLine()))) : Optional.empty();
    }

    /** Lines {@code first} to {@code last} of the output, 1-based and inclusive. */
    public record LineSpan(long first, long last) {}

    /** Cleaned chars omitted by {@link #render()} now. */
    public synchronized long omittedChars() {
        return compute().omittedChars();
    }

    public Path spoolPath() {
        return spoolPath;
    }

    /** The first error writing the spool, if any; after one, the spool is no longer written. */
    public synchronized Optional<IOException> spoolError() {
        return Optional.ofNullable(spoolError);
    }

    /** Flushes the spool so a reader sees everything appended so far. */
    public synchronized void flush() {
        if (closed || spoolError != null || spool == null) return;
        try {
            spool.flush();
        } catch (IOException e) {
            spoolFailed(e);
        }
    }

    /** Flushes and closes the spool; {@link #render()} and the counters keep working. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (spool == null) return;
        try {
            if (spoolError == null) writePendingHigh();
            spool.close();
        } catch (IOException e) {
            if (spoolError == null) spoolFailed(e);
        }
    }

    /** Chars held in memory (array capacities), for tests of the flat-memory guarantee. */
    synchronized long retainedChars() {
        long n = scratch.length + line.length;
        if (all != null) n += all.capacity();
        if (head != null) n += head.length();
        if (ring != null) n += ring.capacity();
        if (rendered != null) n += rendered.text().length();
        return n;
    }

    /** Writes UTF-8 bytes to the spool; false once the spool has failed. */
    private boolean writeSpool(byte[] utf8, int offset, int length) {
        if (spoolError != null) return false;
        try {
            openSpool();
            spool.write(utf8, offset, length);
            return true;
        } catch (IOException e) {
            spoolFailed(e);
            return false;
        }
    }

    private void openSpool() throws IOException {
        if (spool == null) spool = new SpoolOutput(spoolPath, SPOOL_BUFFER_BYTES);
    }

    /**
     * Writes {@code s} to the spool as UTF-8 bytes (a surrogate pair split between two appends is joined first);
     * returns the bytes written, or -1 once the spool has failed.
     */
    private long writeSpool(String s) {
        if (spoolError != null) return -1;
        try {
            openSpool();
            // counted as utf8Length counts chars: 2 bytes for each half of a pair, whichever append it came in
            long held = 0;
            if (spoolPendingHigh != 0) {
                s = spoolPendingHigh + s;
                spoolPendingHigh = 0;
                held -= 2;
            }
            char last = s.charAt(s.length() - 1);
            if (Character.isHighSurrogate(last)) {
                spoolPendingHigh = last;
                s = s.substring(0, s.length() - 1);
                held += 2;
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            spool.write(bytes);
            return bytes.length + held;
        } catch (IOException e) {
            spoolFailed(e);
            return -1;
        }
    }

    /** A high surrogate the output ended with, which no low one followed: written as UTF-8 writes it, '?'. */
    private void writePendingHigh() throws IOException {
        if (spoolPendingHigh == 0) return;
        spoolPendingHigh = 0;
        spool.write('?');
    }

    private void spoolFailed(IOException e) {
        spoolError = e;
        version++;
        log.warn("Writing the output spool {} failed; the full output will be incomplete", spoolPath, e);
    }

    private static long utf8Length(char[] a, int off, int len) {
        long n = 0;
        for (int i = off, end = off + len; i < end; i++) {
            char c = a[i];
            if (c < 0x80) n++;
            else if (c < 0x800 || Character.isSurrogate(c)) n += 2;
            else n += 3;
        }
        return n;
    }

    private static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800 || Character.isSurrogate(c)) n += 2;
            else n += 3;
        }
        return n;
    }

    private static long countNewlines(CharSequence s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            if (s.charAt(i) == '\n') n++;
        }
        return n;
    }

    static String humanSize(long bytes) {
        if (bytes < 1000) return bytes + (bytes == 1 ? " byte" : " bytes");
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1000;
            u++;
        } while (v >= 999.95 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
