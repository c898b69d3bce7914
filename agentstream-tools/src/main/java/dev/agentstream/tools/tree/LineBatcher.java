package dev.agentstream.tools.tree;

import java.util.function.Consumer;

/**
 * Gathers output lines into fewer, larger output events: a batch goes out when it holds enough lines or
 * its oldest line has waited long enough, so the watcher still sees entries as they are visited.
 */
final class LineBatcher {

    private static final int MAX_LINES = 64;
    private static final long MAX_WAIT_NANOS = 30_000_000L;

    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private int lines;
    private long oldestNanos;

    LineBatcher(Consumer<String> sink) {
        this.sink = sink;
    }

    void add(String line) {
        if (lines == 0) oldestNanos = System.nanoTime();
        pending.append(line).append('\n');
        lines++;
        if (lines >= MAX_LINES) flush();
        else flushIfStale();
    }

    /** Sends the batch if its oldest line has waited too long (call before work that may block). */
    void flushIfStale() {
        if (lines > 0 && System.nanoTime() - oldestNanos >= MAX_WAIT_NANOS) flush();
    }

    void flush() {
        if (lines == 0) return;
        sink.accept(pending.toString());
        pending.setLength(0);
        lines = 0;
    }
}
