package dev.agentstream.tools.edit;

import dev.agentstream.core.view.ByteScan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code cat -n} of UTF-8 bytes, numbered over the bytes: in UTF-8 the byte 0x0A only ever is a line feed, so
 * lines are found and numbered before anything is decoded. A chunk of output (numbers, tabs and line text
 * together) that is all ASCII is handed on as its bytes, its text made only by whoever asks for it; any other
 * is decoded once, by the JDK's vectorised {@code new String(bytes, UTF_8)}. The text is what
 * decoding the file as a stream and numbering its chars gives: a chunk never ends inside a UTF-8 sequence (an
 * unfinished one waits for the next), a {@code \r} before a line feed is left out, and every invalid byte
 * sequence becomes U+FFFD and is counted (only a chunk with U+FFFD in it is decoded a second time, to count).
 *
 * <p>It takes no character limit: a view with {@code max_characters} goes through {@link NumberedOutput}.
 */
final class Utf8LineNumberer {

    /**
     * Bytes of output per chunk handed on (the last line piece may take it a read's worth over): large, since
     * every chunk is one event, handed from thread to thread and written by each front door (32 KiB chunks made
     * a 1 GB view 35,000 hand-overs, with a thread woken for most).
     */
    static final int CHUNK_BYTES = 128 * 1024;
    private static final int READ_BYTES = 64 * 1024;
    /**
     * The most bytes a chunk can hold: {@link #CHUNK_BYTES} less one, a read's worth, a line number (with the bytes its
     * stores may pass its end, {@link LineNumberField#OVERRUN}) and a {@code \r}.
     */
    static final int MAX_CHUNK_BYTES = CHUNK_BYTES + READ_BYTES + 64;

    private final Sink sink;
    private final byte[] in = new byte[READ_BYTES];
    private final byte[] out = new byte[MAX_CHUNK_BYTES];
    private int outLength;
    /** Line feeds in {@code out[0, outLength)}. */
    private long outLineFeeds;
    /** No byte of {@code out[0, outLength)} is 0x80 or above: found by the search for line feeds, no pass of its own. */
    private boolean outAscii = true;
    private long replacedBytes;
    private long crlfBreaks;
    private long lfBreaks;
    private CharsetDecoder countingDecoder;

    /** @param sink takes each decoded chunk of output */
    Utf8LineNumberer(Sink sink) {
        this.sink = sink;
    }

    /** Where the chunks go. */
    interface Sink {
        /**
         * Takes a chunk of output and, when the chunk's bytes were valid UTF-8, those bytes ({@code utf8[offset,
         * offset + length)}, exactly {@code text.getBytes(UTF_8)}; only until this returns), and the line feeds in
         * them; else {@code utf8} is null.
         */
        void accept(String text, byte[] utf8, int offset, int length, long lineFeeds);

        /**
         * Takes a chunk of output all of whose bytes are ASCII ({@code ascii[offset, offset + length)}, only until
         * this returns), so each byte is one char of its text, and the line feeds in them.
         */
        default void ascii(byte[] ascii, int offset, int length, long lineFeeds) {
            accept(new String(ascii, offset, length, StandardCharsets.ISO_8859_1), ascii, offset, length, lineFeeds);
        }
    }

    /** What numbering read: the lines it numbered (first and last, -1 for none) and the file's line count when it read to the end. */
    record Numbered(long firstLine, long lastLine, long totalLines, boolean cancelled) {}

    /**
     * Numbers the lines from the channel's position, the first of them {@code firstLine}, until the end of
     * the channel or the end of line {@code lastLine}.
     *
     * @param progress told after each read: the bytes read so far and the next line's number
     */
    Numbered number(ReadableByteChannel channel, long firstLine, long lastLine, Progress progress) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(in);
        long line = firstLine;
        LineNumberField number = new LineNumberField(firstLine);
        long shownLast = -1;
        boolean atLineStart = true;
        boolean pendingCr = false; // a \r at the end of the last read: dropped if a \n follows
        long bytesRead = 0;
        int n;
        while ((n = read(channel, buffer)) > 0) {
            bytesRead += n;
            if (progress.cancelled()) {
                flush(true); // the lines numbered so far still reach the result
                return new Numbered(shownLast < 0 ? -1 : firstLine, shownLast, -1, true);
            }
            int i = 0;
            while (i < n) {
                if (atLineStart) {
                    if (line > lastLine) {
                        flush(true);
                        return new Numbered(shownLast < 0 ? -1 : firstLine, shownLast, -1, false);
                    }
                    outLength = number.writeTo(out, outLength);
                    shownLast = line;
                    atLineStart = false;
                }
                boolean crCarried = pendingCr;
                if (crCarried) {
                    pendingCr = false;
                    if (in[i] != '\n') out[outLength++] = '\r';
                }
                int nl = outAscii ? lineFeedNotingAscii(i, n) : ByteScan.indexOf(in, i, n, (byte) '\n');
                int contentEnd = nl < 0 ? n : nl;
                boolean crBeforeBreak = contentEnd > i && in[contentEnd - 1] == '\r';
                if (crBeforeBreak) contentEnd--;
                System.arraycopy(in, i, out, outLength, contentEnd - i);
                outLength += contentEnd - i;
                if (nl < 0) {
                    pendingCr = crBeforeBreak; // the \n may come with the next read
                    i = n;
                } else {
                    if (crBeforeBreak || (crCarried && nl == i)) crlfBreaks++;
                    else lfBreaks++;
                    out[outLength++] = '\n';
                    outLineFeeds++;
                    line++;
                    number.increment();
                    atLineStart = true;
                    i = nl + 1;
                }
                if (outLength >= CHUNK_BYTES) flush(false);
            }
            progress.read(bytesRead, line);
        }
        if (pendingCr) out[outLength++] = '\r';
        flush(true);
        return new Numbered(shownLast < 0 ? -1 : firstLine, shownLast, atLineStart ? line - 1 : line, false);
    }

    /** What {@link #number} reports to while it reads. */
    interface Progress {
        /** After each read: {@code bytesRead} since {@link #number} began (counted, so no position call is made per read). */
        void read(long bytesRead, long nextLine) throws IOException;

        boolean cancelled();
    }

    long replacedBytes() {
        return replacedBytes;
    }

    long crlfBreaks() {
        return crlfBreaks;
    }

    long lfBreaks() {
        return lfBreaks;
    }

    /** The first line feed in {@code in[from, to)}, or -1; clears {@link #outAscii} if a byte before it is not ASCII. */
    private int lineFeedNotingAscii(int from, int to) {
        int stop = ByteScan.indexOfOrNonAscii(in, from, to, (byte) '\n');
        if (stop < 0 || in[stop] == '\n') return stop;
        outAscii = false;
        return ByteScan.indexOf(in, stop + 1, to, (byte) '\n');
    }

    private static int read(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        return n;
    }

    /** Hands on the chunk, up to an unfinished UTF-8 sequence at its end unless {@code last}. */
    private void flush(boolean last) {
        int end = last ? outLength : outLength - unfinishedSequenceLength(out, outLength);
        if (end == 0) return;
        if (outAscii) {
            sink.ascii(out, 0, end, outLineFeeds);
        } else {
            String text = new String(out, 0, end, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                // a U+FFFD the file held, or one that replaced invalid bytes: either way the bytes are not the text's encoding
                sink.accept(decodeCounting(end), null, 0, 0, -1);
            } else {
                sink.accept(text, out, 0, end, outLineFeeds); // valid UTF-8 decodes and encodes back to the same bytes
            }
        }
        System.arraycopy(out, end, out, 0, outLength - end); // the start of a UTF-8 sequence, never a line feed
        outLength -= end;
        outLineFeeds = 0;
        outAscii = outLength == 0;
    }

    /** How many bytes at the end of {@code b[0, length)} begin a UTF-8 sequence that is not complete yet (0 to 3). */
    static int unfinishedSequenceLength(byte[] b, int length) {
        for (int k = 1; k <= 3 && k <= length; k++) {
            int c = b[length - k] & 0xFF;
            if (c < 0x80) return 0;
            if (c < 0xC0) continue; // a continuation byte: look further back for its lead
            int needed = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            return needed > k ? k : 0;
        }
        return 0;
    }

    /** The chunk decoded again with invalid sequences reported, to count their bytes; each becomes one U+FFFD, as {@code new String} makes it. */
    private String decodeCounting(int end) {
        if (countingDecoder == null) {
            countingDecoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        countingDecoder.reset();
        ByteBuffer bytes = ByteBuffer.wrap(out, 0, end);
        CharBuffer chars = CharBuffer.allocate(end);
        while (true) {
            CoderResult result = countingDecoder.decode(bytes, chars, true);
            if (!result.isError()) break;
            replacedBytes += result.length();
            bytes.position(bytes.position() + result.length());
            chars.put('\uFFFD');
        }
        countingDecoder.flush(chars);
        return chars.flip().toString();
    }
}
