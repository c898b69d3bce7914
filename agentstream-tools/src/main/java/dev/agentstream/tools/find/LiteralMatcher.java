package dev.agentstream.tools.find;

import java.nio.charset.StandardCharsets;

/**
 * Literal search over the raw bytes: the pattern's UTF-8 bytes are looked for in the chunk as read
 * ({@link AnchoredLiteral}), case-sensitively or ignoring the case of ASCII letters (the pattern is then
 * ASCII). Nothing is copied or decoded unless a line matches.
 */
final class LiteralMatcher implements LineMatcher {

    private final AnchoredLiteral literal;

    LiteralMatcher(String pattern, boolean ignoreAsciiCase) {
        if (ignoreAsciiCase && !isAscii(pattern)) throw new IllegalArgumentException("case is ignored for ASCII patterns only");
        this.literal = new AnchoredLiteral(pattern.getBytes(StandardCharsets.UTF_8), ignoreAsciiCase);
    }

    static boolean isAscii(String pattern) {
        return pattern.chars().allMatch(c -> c < 0x80);
    }

    @Override
    public int find(ChunkText chunk, int from) {
        return literal.find(chunk.bytes(), from, chunk.length());
    }

    @Override
    public int maxMatchBytes() {
        return literal.length();
    }
}
