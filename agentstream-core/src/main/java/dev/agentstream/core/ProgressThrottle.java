package dev.agentstream.core;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Lets a progress update through only when something a watcher would notice changed and the last one
 * is at least {@code interval} old, so progress never costs more than the work it reports on.
 * Elapsed time counts as a change only when it crosses a whole second; a new message (a new phase) needs
 * only a few milliseconds.
 */
final class ProgressThrottle {

    static final String ELAPSED = "elapsedMs";
    /** The shortest gap before a new phase is shown; it caps a tool that changes its message on every update. */
    static final long PHASE_GAP_NANOS = 5_000_000L;

    private final long intervalNanos;
    private long lastEmitNanos = Long.MIN_VALUE;
    private String lastSignature;
    private String lastMessage;

    ProgressThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    synchronized boolean admit(long nowNanos, String message, OptionalDouble fraction, Map<String, Long> counters) {
        // A new message is a new phase (seeking, then reading; capturing, scaling, encoding): a watcher should
        // see each one even when they follow each other quickly, so phases only need the short gap.
        boolean newPhase = !java.util.Objects.equals(message, lastMessage);
        long gap = newPhase ? PHASE_GAP_NANOS : intervalNanos;
        // the gap first: most calls of a busy tool come within it, and need no signature built
        if (lastEmitNanos != Long.MIN_VALUE && nowNanos - lastEmitNanos < gap) return false;
        String signature = signature(message, fraction, counters);
        if (signature.equals(lastSignature)) return false;
        lastSignature = signature;
        lastMessage = message;
        lastEmitNanos = nowNanos;
        return true;
    }

    private static String signature(String message, OptionalDouble fraction, Map<String, Long> counters) {
        StringBuilder s = new StringBuilder(message == null ? "" : message).append('|');
        if (fraction.isPresent()) s.append(Math.round(fraction.getAsDouble() * 1000));
        for (Map.Entry<String, Long> e : new TreeMap<>(counters).entrySet()) {
            long value = e.getKey().equals(ELAPSED) ? e.getValue() / 1000 : e.getValue();
            s.append('|').append(e.getKey()).append('=').append(value);
        }
        return s.toString();
    }
}
