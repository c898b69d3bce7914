package dev.agentstream.core.view;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Streaming UTF-8 decoding of byte chunks (e.g. from a pty): a multi-byte sequence split across chunks is
 * decoded whole; invalid bytes become U+FFFD; never throws on any input. An incomplete sequence left at the
 * end is turned into U+FFFD by {@link #finish()}, after which the decoder can be reused. Not thread-safe.
 */
public final class Utf8StreamDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes of an incomplete trailing sequence (at most 3) carried to the next chunk. */
    private final byte[] pending = new byte[8];
    private int pendingLen;
    private byte[] joined = new byte[0];
    private char[] out = new char[256];

    public String decode(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) return "";
        ByteBuffer in;
        if (pendingLen == 0) {
            in = ByteBuffer.wrap(buf, off, len);
        } else {
            int total = pendingLen + len;
            if (joined.length < total) joined = new byte[Math.max(total, joined.length * 2)];
            System.arraycopy(pending, 0, joined, 0, pendingLen);
            System.arraycopy(buf, off, joined, pendingLen, len);
            in = ByteBuffer.wrap(joined, 0, total);
            pendingLen = 0;
        }
        String s = run(in, false);
        int rest = in.remaining();
        if (rest > 0) {
            if (rest > pending.length) { // cannot happen with a UTF-8 decoder; never lose bytes silently
                in.position(in.limit() - pending.length);
                rest = pending.length;
            }
            in.get(pending, 0, rest);
            pendingLen = rest;
        }
        return s;
    }

    public String decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /** Ends the stream: an incomplete sequence still pending becomes U+FFFD. Resets for reuse. */
    public String finish() {
        ByteBuffer in = ByteBuffer.wrap(pending, 0, pendingLen);
        pendingLen = 0;
        String s = run(in, true);
        CharBuffer cb = CharBuffer.wrap(out);
        decoder.flush(cb);
        if (cb.position() > 0) s = s + new String(out, 0, cb.position());
        decoder.reset();
        return s;
    }

    private String run(ByteBuffer in, boolean endOfInput) {
        int need = in.remaining() + 4; // UTF-8 never yields more chars than bytes (+ replacement slack)
        if (out.length < need) out = new char[Math.max(need, out.length * 2)];
        CharBuffer cb = CharBuffer.wrap(out);
        decoder.decode(in, cb, endOfInput);
        return cb.position() == 0 ? "" : new String(out, 0, cb.position());
    }
}
