package dev.agentstream.tools.edit;

import dev.agentstream.core.CallScope;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.view.ModelView;
import dev.agentstream.tools.fs.LinkFreeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code view} of a text file: {@code cat -n} output streamed as the file is read, with progress by bytes
 * read. The output is not spooled: the file holds it. Memory stays flat whatever the file's size: no line is ever held whole, a range stops reading at
 * its last line, and in UTF-8 the lines before a range are skipped by counting bytes.
 */
final class FileViewer {

    private static final int READ_CHARS = 16 * 1024;
    private static final int DECODER_BYTES = 64 * 1024;
    /** What the model view's marker says of the lines it left out. */
    static final String OMITTED_SOURCE = "to read them, see the note at the end";

    private final CallScope scope;
    private final Path path;
    private final long fileSize;
    /** Progress messages, made once: progress is reported after every read. */
    private final String readingMessage;
    private final String seekingMessage;
    private ReplacingDecoder decoder;
    private long replacedBytes;
    private long bytesRead;
    private long crlfBreaks;
    private long lfBreaks;

    FileViewer(CallScope scope, Path path, long fileSize) {
        this.scope = scope;
        this.path = path;
        this.fileSize = fileSize;
        this.readingMessage = "reading " + path.getFileName();
        this.seekingMessage = "seeking in " + path.getFileName();
    }

    ToolResult view(Optional<EditInput.ViewRange> range, long maxCharacters) throws IOException {
        // The file is the full output: what the budget leaves out is read again with view_range, not from a
        // numbered copy in the spool, which would cost a write of more than the file's size on every view.
        scope.view().withoutSpool(OMITTED_SOURCE);
        try (FileChannel channel = LinkFreeFiles.openForReading(path)) {
            Sniffed sniffed = sniff(channel);
            TextFormat format = sniffed.format();
            if (sniffed.length() == format.bom().length) {
                if (range.isPresent()) {
                    throw new ToolInputException("view_range " + range.get() + " asks for lines of " + path
                            + ", which is empty; view it without view_range, or fill it with create or insert.");
                }
                return ToolResult.text(path + " is empty.").withMetadata(Map.of("path", path.toString(), "totalLines", 0L));
            }
            channel.position(format.bom().length);
            long start = range.map(EditInput.ViewRange::start).orElse(1L);
            long firstLine = 1;
            // skipping by bytes needs the size to know the end; a size-0 file (/proc) is read line by line instead
            if (start > 1 && format.charset().equals(StandardCharsets.UTF_8) && fileSize > 0) {
                long passed = LineSeeker.skipLines(channel, start - 1, this::seekProgress, scope::isCancelled);
                if (scope.isCancelled()) return result(range, new NumberedOutput(scope, maxCharacters), new Scan(-1, true), format);
                if (passed < start - 1 || channel.position() == fileSize) {
                    long total = passed < start - 1 ? passed + (endsWithoutBreak(channel) ? 1 : 0) : passed;
                    throw rangePastEnd(range.get(), total);
                }
                firstLine = start;
            }
            NumberedOutput out = new NumberedOutput(scope, maxCharacters);
            boolean overBytes = format.charset().equals(StandardCharsets.UTF_8) && maxCharacters == Long.MAX_VALUE
                    && firstLine == start;
            Scan scan = overBytes ? numberBytes(channel, firstLine, range, out) : scanLines(channel, format, firstLine, range, out);
            out.flush();
            if (scan.totalLines >= 0 && range.isPresent() && range.get().start() > scan.totalLines) {
                throw rangePastEnd(range.get(), scan.totalLines);
            }
            // a file that reports size 0 (/proc) has as many bytes as were read, when reading got to its end
            if (fileSize == 0 && scan.totalLines >= 0) bytesRead = channel.position();
            return result(range, out, scan, format);
        }
    }

    /** What reading the lines found: the line count when it read to the end (else -1), and whether it was cut short. */
    private record Scan(long totalLines, boolean cancelled) {}

    /** UTF-8 without a character limit: numbered over the bytes, decoded a chunk at a time (the fast path). */
    private Scan numberBytes(FileChannel channel, long firstLine, Optional<EditInput.ViewRange> range, NumberedOutput out)
            throws IOException {
        Utf8LineNumberer numberer = new Utf8LineNumberer(out);
        long end = range.map(r -> r.toEnd() ? Long.MAX_VALUE : r.end()).orElse(Long.MAX_VALUE);
        long from = channel.position();
        Utf8LineNumberer.Numbered numbered = numberer.number(channel, firstLine, end, new Utf8LineNumberer.Progress() {
            @Override
            public void read(long bytesRead, long nextLine) {
                reportProgress(from + bytesRead, nextLine);
            }

            @Override
            public boolean cancelled() {
                return scope.isCancelled();
            }
        });
        out.shown(numbered.firstLine(), numbered.lastLine());
        replacedBytes = numberer.replacedBytes();
        crlfBreaks = numberer.crlfBreaks();
        lfBreaks = numberer.lfBreaks();
        return new Scan(numbered.totalLines(), numbered.cancelled());
    }

    /** Any charset, or a character limit: decoded to chars first, then numbered. */
    private Scan scanLines(FileChannel channel, TextFormat format, long firstLine, Optional<EditInput.ViewRange> range,
                           NumberedOutput out) throws IOException {
        ReplacingDecoder reader = new ReplacingDecoder(channel, format.charset(), DECODER_BYTES);
        decoder = reader;
        char[] buf = new char[READ_CHARS];
        long line = firstLine;
        boolean atLineStart = true;
        boolean pendingCr = false; // a \r at the end of the last read: dropped if a \n follows
        boolean inRange = range.map(r -> r.contains(firstLine)).orElse(true);
        long end = range.map(r -> r.toEnd() ? Long.MAX_VALUE : r.end()).orElse(Long.MAX_VALUE);
        int n;
        while ((n = reader.read(buf)) > 0) {
            if (scope.isCancelled()) return new Scan(-1, true);
            int i = 0;
            while (i < n) {
                if (atLineStart) {
                    if (line > end) return new Scan(-1, false);
                    inRange = range.map(EditInput.ViewRange::start).orElse(1L) <= line;
                    if (inRange && !out.startLine(line)) return new Scan(-1, false);
                    atLineStart = false;
                }
                boolean crCarried = pendingCr;
                if (crCarried) {
                    pendingCr = false;
                    if (buf[i] != '\n' && inRange && !out.text('\r', line)) return new Scan(-1, false);
                }
                int nl = indexOfNewline(buf, i, n);
                int contentEnd = nl < 0 ? n : nl;
                boolean crBeforeBreak = contentEnd > i && buf[contentEnd - 1] == '\r';
                if (crBeforeBreak) contentEnd--;
                if (inRange && contentEnd > i && !out.text(buf, i, contentEnd - i, line)) return new Scan(-1, false);
                if (nl < 0) {
                    pendingCr = crBeforeBreak; // the \n may come with the next read
                    i = n;
                } else {
                    if (crBeforeBreak || (crCarried && nl == i)) crlfBreaks++;
                    else lfBreaks++;
                    if (inRange && !out.text('\n', line)) return new Scan(-1, false);
                    line++;
                    atLineStart = true;
                    i = nl + 1;
                }
            }
            reportProgress(channel.position(), line);
        }
        if (pendingCr && inRange) out.text('\r', line);
        return new Scan(atLineStart ? line - 1 : line, false);
    }

    private ToolResult result(Optional<EditInput.ViewRange> range, NumberedOutput out, Scan scan, TextFormat format) {
        StringBuilder text = new StringBuilder(scope.view().render());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') text.append('\n');
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", path.toString());
        if (fileSize > 0 || bytesRead > 0) meta.put("fileBytes", fileSize > 0 ? fileSize : bytesRead);
        long replaced = decoder != null ? decoder.replacedBytes() : replacedBytes;
        meta.put("encoding", format.charset().name() + (format.bom().length > 0 ? " (BOM)" : "")
                + (replaced > 0 ? " (invalid bytes replaced with U+FFFD)" : ""));
        if (replaced > 0) meta.put("replacedBytes", replaced);
        if (crlfBreaks + lfBreaks > 0) meta.put("lineEnding", crlfBreaks == 0 ? "LF" : lfBreaks == 0 ? "CRLF" : "mixed");
        meta.put("firstLine", out.firstLine());
        meta.put("lastLine", out.lastLine());
        if (scan.totalLines >= 0) meta.put("totalLines", scan.totalLines);
        scope.view().omittedLineSpan().ifPresent(omitted -> appendOmitted(text, out, omitted));
        if (out.limitReached()) {
            meta.put("maxCharactersReached", true);
            appendContinuation(text, out);
        }
        if (range.isPresent() && !range.get().toEnd() && scan.totalLines >= 0 && range.get().end() > scan.totalLines) {
            text.append("[view_range ends at line ").append(range.get().end()).append(", but the file has only ")
                    .append(scan.totalLines).append(" lines: shown up to the last one]\n");
        }
        if (replaced > 0) {
            text.append("[").append(replaced).append(replaced == 1 ? " byte" : " bytes").append(" of this file ")
                    .append(replaced == 1 ? "is" : "are").append(" not valid ").append(format.charset().name())
                    .append(" (it may be Latin-1 or another 8-bit encoding) and ").append(replaced == 1 ? "is" : "are")
                    .append(" shown as U+FFFD; change lines holding them with bash, e.g. sed -i]\n");
        }
        if (scan.cancelled) text.append("[cancelled before the end of the file]\n");
        return new ToolResult(List.of(new ContentBlock.Text(text.toString())), false, meta);
    }

    /** Which lines of the file the model view left out (the marker points here), and how to read them. */
    private void appendOmitted(StringBuilder text, NumberedOutput out, ModelView.LineSpan omitted) {
        // each line of the view is one line of the file, from the first one shown on
        long from = out.firstLine() + omitted.first() - 1;
        long to = Math.min(out.lastLine(), out.firstLine() + omitted.last() - 1);
        if (from < to) {
            text.append("[the middle of this view, lines ").append(from).append('-').append(to)
                    .append(", was left out to fit the output budget; use view_range to read them part by part]\n");
        } else { // inside one line, which view_range would show whole and cut again
            text.append("[the middle of line ").append(from).append(" was left out to fit the output budget; read parts of it with bash,")
                    .append(" e.g. its bytes 100,001-200,000: sed -n '").append(from).append("{p;q}' ").append(shellQuoted(path))
                    .append(" | head -c 200000 | tail -c 100000]\n");
        }
    }

    /**
     * Where the next line can be read from after a cut: the cut line itself when lines before it were shown
     * (that moves forward), else (one line longer than max_characters) the next line, and bash for the rest
     * of the cut one.
     */
    private void appendContinuation(StringBuilder text, NumberedOutput out) {
        long cut = out.cutInLine();
        if (!out.cutMidLine() || cut > out.firstLine()) {
            text.append("[output cut at max_characters; continue with view_range [").append(cut).append(", -1]]\n");
            return;
        }
        long shownBytes = out.cutLineBytesShown();
        text.append("[output cut at max_characters inside line ").append(cut).append(", after its first ").append(shownBytes)
                .append(" bytes; continue with view_range [").append(cut + 1).append(", -1], or read the rest of line ").append(cut)
                .append(" with bash: sed -n '").append(cut).append("p' ").append(shellQuoted(path)).append(" | tail -c +").append(shownBytes + 1)
                .append(" | head -c 100000]\n");
    }

    /** {@code path} as one word for bash: in single quotes, each quote in it written as {@code '\''}. */
    static String shellQuoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** The first bytes of the file: its format, and how many there were (a size-0 file may still have content). */
    private record Sniffed(TextFormat format, int length) {}

    private Sniffed sniff(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(fileSize > 0 ? (int) Math.min(TextFormat.SNIFF_BYTES, fileSize) : TextFormat.SNIFF_BYTES);
        while (head.hasRemaining() && channel.read(head) > 0) {
            // fill the sniff window
        }
        TextFormat format = TextFormat.sniff(head.array(), head.position()).orElseThrow(() -> new ToolInputException(path
                + " looks like a binary file (it contains NUL bytes), so it is not shown as text; inspect it with bash (for example xxd or file)."));
        return new Sniffed(format, head.position());
    }

    private boolean endsWithoutBreak(FileChannel channel) throws IOException {
        if (fileSize == 0) return false;
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, fileSize - 1);
        return last.get(0) != '\n';
    }

    private ToolInputException rangePastEnd(EditInput.ViewRange range, long totalLines) {
        return new ToolInputException("view_range " + range + " starts after the end of " + path + ", which has " + totalLines
                + (totalLines == 1 ? " line" : " lines") + "; ask for lines 1 to " + totalLines + ", e.g. [" + Math.max(1, totalLines - 49)
                + ", -1] for the last ones.");
    }

    private void seekProgress(long position) {
        scope.progress(seekingMessage, fraction(position), Map.of("bytes", position));
    }

    private void reportProgress(long position, long line) {
        scope.progress(readingMessage, fraction(position), Map.of("bytes", position, "lines", line - 1));
    }

    private OptionalDouble fraction(long position) {
        return fileSize > 0 ? OptionalDouble.of(Math.min(1.0, (double) position / fileSize)) : OptionalDouble.empty();
    }

    private static int indexOfNewline(char[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') return i;
        }
        return -1;
    }
}
