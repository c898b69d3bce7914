package dev.agentstream.tools.edit;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each file held before the edits of one session, newest last, for {@code undo_edit}. Kept in the
 * session (closed with it), bounded in total size: the oldest steps are forgotten first. Each step also
 * remembers a digest of what the edit wrote, so an undo never throws away a change made by something else.
 */
final class EditHistory implements AutoCloseable {

    static final String SESSION_KEY = "str_replace_based_edit_tool.history";

    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_STEPS_PER_FILE = 50;

    /** One edit: the bytes before it ({@code null}: the edit created the file) and a digest of the bytes after. */
    record Step(Path path, byte[] before, byte[] afterDigest) {
        boolean created() {
            return before == null;
        }

        boolean matches(byte[] current) {
            return current != null && Arrays.equals(afterDigest, digest(current));
        }

        long size() {
            return before == null ? 0 : before.length;
        }
    }

    private final long maxBytes;
    private final Map<Path, Deque<Step>> byFile = new HashMap<>();
    private final Deque<Step> oldestFirst = new ArrayDeque<>();
    private long retainedBytes;

    EditHistory() {
        this(DEFAULT_MAX_BYTES);
    }

    EditHistory(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized void record(Path path, byte[] before, byte[] after) {
        Step step = new Step(path, before, digest(after));
        if (step.size() > maxBytes) {
            forget(path); // too big to keep: an older step would undo the wrong edit, so drop them all
            return;
        }
        Deque<Step> steps = byFile.computeIfAbsent(path, p -> new ArrayDeque<>());
        steps.addLast(step);
        oldestFirst.addLast(step);
        retainedBytes += step.size();
        if (steps.size() > MAX_STEPS_PER_FILE) drop(steps.peekFirst());
        while (retainedBytes > maxBytes) drop(oldestFirst.peekFirst());
    }

    synchronized Optional<Step> latest(Path path) {
        Deque<Step> steps = byFile.get(path);
        return steps == null ? Optional.empty() : Optional.ofNullable(steps.peekLast());
    }

    /** Forgets the newest step of {@code path}, once it has been undone. */
    synchronized void undone(Step step) {
        Deque<Step> steps = byFile.get(step.path());
        if (steps == null || steps.peekLast() != step) return;
        steps.removeLast();
        oldestFirst.removeLastOccurrence(step);
        retainedBytes -= step.size();
        if (steps.isEmpty()) byFile.remove(step.path());
    }

    synchronized int steps(Path path) {
        Deque<Step> steps = byFile.get(path);
        return steps == null ? 0 : steps.size();
    }

    private void drop(Step step) {
        Deque<Step> steps = byFile.get(step.path());
        steps.removeFirstOccurrence(step);
        oldestFirst.removeFirstOccurrence(step);
        retainedBytes -= step.size();
        if (steps.isEmpty()) byFile.remove(step.path());
    }

    private void forget(Path path) {
        Deque<Step> steps = byFile.remove(path);
        if (steps == null) return;
        for (Step step : steps) {
            oldestFirst.removeFirstOccurrence(step);
            retainedBytes -= step.size();
        }
    }

    @Override
    public synchronized void close() {
        byFile.clear();
        oldestFirst.clear();
        retainedBytes = 0;
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
