package dev.agentstream.tools.find;

import java.nio.charset.StandardCharsets;

/**
 * Case-sensitive literal search over the raw bytes: the pattern's UTF-8 bytes are looked for in the
 * chunk's one-char-per-byte view, where {@link String#indexOf(String, int)} is a vectorized intrinsic.
 * Nothing is decoded unless a line matches.
 */
final class LiteralMatcher implements LineMatcher {

    private final String needle;

    LiteralMatcher(String pattern) {
        this.needle = new String(pattern.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        return chunk.text().indexOf(needle, from);
    }

    @Override
    public int maxMatchBytes() {
        return needle.length();
    }
}
