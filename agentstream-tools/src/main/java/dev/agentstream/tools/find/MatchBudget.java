package dev.agentstream.tools.find;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code max_results} limit shared by every search thread. A match is shown only if it gets a slot;
 * the first match refused proves there are more, so the search is capped and stops.
 */
final class MatchBudget {

    private final int max;
    private final AtomicLong asked = new AtomicLong();
    private volatile boolean capped;

    MatchBudget(int max) {
        this.max = max;
    }

    boolean take() {
        if (asked.incrementAndGet() <= max) return true;
        capped = true;
        return false;
    }

    boolean capped() {
        return capped;
    }

    long matches() {
        return Math.min(asked.get(), max);
    }

    int max() {
        return max;
    }
}
