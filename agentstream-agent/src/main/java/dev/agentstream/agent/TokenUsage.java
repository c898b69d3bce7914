package dev.agentstream.agent;

/**
 * Tokens one request (or a whole session) used. Cache reads are billed at a tenth of the input price and
 * cache writes at a premium, so they are kept apart from plain input tokens.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output,
                cacheRead + other.cacheRead, cacheWrite + other.cacheWrite);
    }

    /** Everything the model read, cached or not. */
    public long totalInput() {
        return input + cacheRead + cacheWrite;
    }
}
