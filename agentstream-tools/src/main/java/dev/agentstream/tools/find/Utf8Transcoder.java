package dev.agentstream.tools.find;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-16 file read as UTF-8 bytes, so the byte-level search and its line logic work on it unchanged; the
 * file is decoded as it streams, in fixed memory. Malformed input becomes U+FFFD.
 */
final class Utf8Transcoder implements ReadableByteChannel {

    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(16 * 1024).flip();
    private boolean eof;

    /** @param source positioned just after the byte-order mark */
    Utf8Transcoder(ReadableByteChannel source, Charset utf16) {
        this.reader = Channels.newReader(source, utf16.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE), 64 * 1024);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        while (dst.hasRemaining()) {
            encoder.encode(chars, dst, eof);
            if (!dst.hasRemaining()) break;
            if (eof) break;
            chars.compact();
            int n = reader.read(chars);
            chars.flip();
            if (n < 0) eof = true;
        }
        int written = dst.position() - start;
        return written == 0 && eof && !chars.hasRemaining() ? -1 : written;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
