package dev.agentstream.tools.computer;

import dev.agentstream.core.CallScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Progress of one call through its phases (acting, settling, capturing, scaling, encoding) as one fraction
 * of the whole call; a phase reports its own 0..1 within the range {@link #span} gives it. Counters carry
 * what each finished phase took. The core throttles what reaches the watcher, so phases that pass in a few
 * milliseconds mostly show only when they are slow.
 */
final class CallProgress {

    private final CallScope scope;
    private final Map<String, Long> counters;
    private final double from;
    private final double to;
    private final boolean muted;

    CallProgress(CallScope scope) {
        this(scope, new LinkedHashMap<>(), 0, 1, false);
    }

    private CallProgress(CallScope scope, Map<String, Long> counters, double from, double to, boolean muted) {
        this.scope = scope;
        this.counters = counters;
        this.from = from;
        this.to = to;
        this.muted = muted;
    }

    /** Progress of work outside any tool call (a person's input on the display): reports nothing, never cancelled. */
    static CallProgress none() {
        return new CallProgress(null, new LinkedHashMap<>(), 0, 1, true);
    }

    /** The part {@code [start, end]} of this range, as its own 0..1. */
    CallProgress span(double start, double end) {
        return new CallProgress(scope, counters, from + (to - from) * start, from + (to - from) * end, muted);
    }

    /** The same call, reporting nothing: for work inside a phase that reports its own progress. */
    CallProgress muted() {
        return new CallProgress(scope, new LinkedHashMap<>(), from, to, true);
    }

    void report(String message, double fraction) {
        if (muted) return;
        Map<String, Long> snapshot = new LinkedHashMap<>(counters);
        snapshot.put("elapsedMs", scope.elapsedMs());
        // Rounded to a ten-thousandth so spans of spans do not show binary noise (0.55000000000000004).
        double overall = Math.round((from + (to - from) * Math.clamp(fraction, 0.0, 1.0)) * 10_000) / 10_000.0;
        scope.progress(message, OptionalDouble.of(overall), snapshot);
    }

    void count(String name, long value) {
        counters.put(name, value);
    }

    boolean cancelled() {
        return scope != null && scope.isCancelled();
    }
}
