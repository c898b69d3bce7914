package dev.agentstream.tools.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a channel as a reader would, putting U+FFFD for every malformed sequence, and counts the bytes it
 * replaced: a view must say when it shows something other than the file's bytes.
 */
final class ReplacingDecoder {

    private static final char REPLACEMENT = '\uFFFD';

    private final ReadableByteChannel channel;
    private final CharsetDecoder decoder;
    private final ByteBuffer in;
    private boolean eof;
    private boolean flushed;
    private long replacedBytes;

    ReplacingDecoder(ReadableByteChannel channel, Charset charset, int bufferBytes) {
        this.channel = channel;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = ByteBuffer.allocate(bufferBytes);
    }

    /** Decodes into {@code dst}; returns the chars written, or -1 at the end of the channel. */
    int read(char[] dst) throws IOException {
        if (flushed) return -1;
        CharBuffer out = CharBuffer.wrap(dst);
        while (out.position() == 0) {
            if (!eof && channel.read(in) < 0) eof = true;
            in.flip();
            CoderResult result = decoder.decode(in, out, eof);
            while (result.isError() && out.hasRemaining()) {
                replacedBytes += result.length();
                in.position(in.position() + result.length());
                out.put(REPLACEMENT);
                result = decoder.decode(in, out, eof);
            }
            boolean drained = !in.hasRemaining();
            in.compact();
            if (eof && drained) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                }
                break;
            }
        }
        return out.position() == 0 ? -1 : out.position();
    }

    /** Bytes that were not valid in the charset and were shown as U+FFFD. */
    long replacedBytes() {
        return replacedBytes;
    }
}
