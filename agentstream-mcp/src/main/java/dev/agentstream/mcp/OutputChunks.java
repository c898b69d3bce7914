package dev.agentstream.mcp;

import java.util.Map;
import java.util.Optional;

/**
 * A call's output cut into the chunks its progress notifications carry when the client asked for the full
 * output ({@link #REQUEST_KEY} in the request's {@code _meta}). Each chunk says where it starts, so a
 * client sees at once whether it missed or got a piece twice. Output is gathered until a chunk is full or
 * the next notification goes out, so a torrent of output costs one notification per {@link #CHUNK_CHARS}
 * and a quiet command's lone line still goes out with the next heartbeat. Holds at most one chunk; not
 * thread-safe (one per call, fed by the thread delivering that call's events).
 */
final class OutputChunks {

    /** The request {@code _meta} key a client sets to {@code true} to receive the full output as it is printed. */
    static final String REQUEST_KEY = "dev.agentstream/output";
    /** The progress notification {@code _meta} key of a chunk: {@code {"offset": N, "text": "..."}}. */
    static final String CHUNK_KEY = "dev.agentstream/output";
    /** The most characters one notification carries. */
    static final int CHUNK_CHARS = 32 * 1024;

    private final StringBuilder pending = new StringBuilder();
    private long sent;

    /** Whether {@code requestMeta} (a {@code tools/call}'s {@code _meta}) asks for the full output. */
    static boolean requested(Map<String, Object> requestMeta) {
        return requestMeta != null && Boolean.TRUE.equals(requestMeta.get(REQUEST_KEY));
    }

    void add(String text) {
        pending.append(text);
    }

    /** Whether a whole chunk is waiting. */
    boolean full() {
        return pending.length() >= CHUNK_CHARS;
    }

    /** The next chunk (at most {@link #CHUNK_CHARS}, never splitting a surrogate pair) as {@code _meta}, if output is waiting. */
    Optional<Map<String, Object>> take() {
        if (pending.isEmpty()) return Optional.empty();
        int length = Math.min(pending.length(), CHUNK_CHARS);
        if (length < pending.length() && Character.isHighSurrogate(pending.charAt(length - 1))) length--;
        String text = pending.substring(0, length);
        pending.delete(0, length);
        Map<String, Object> chunk = Map.of("offset", sent, "text", text);
        sent += length;
        return Optional.of(Map.of(CHUNK_KEY, chunk));
    }
}
