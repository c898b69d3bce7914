package dev.agentstream.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's events as the page receives them, each numbered from 1 in order, kept in memory so a page
 * that reloads or reconnects gets everything after the last number it saw ({@code Last-Event-ID}). Memory
 * is bounded: past {@code maxChars} of JSON the oldest events are dropped, and a reader asking for them is
 * told how many it missed (the transcript still holds the session).
 */
final class EventLog {

    /** One event: its number and its JSON text. */
    record Entry(long id, String json) {}

    /** What a reader gets: the events after its number, and how many it asked for that were already dropped. */
    record Batch(List<Entry> entries, long dropped) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final long maxChars;
    private long chars;
    private long lastId;
    private boolean closed;

    EventLog(long maxChars) {
        this.maxChars = maxChars;
    }

    long append(String json) {
        lock.lock();
        try {
            Entry entry = new Entry(++lastId, json);
            entries.addLast(entry);
            chars += json.length();
            while (chars > maxChars && entries.size() > 1) chars -= entries.removeFirst().json().length();
            appended.signalAll();
            return entry.id();
        } finally {
            lock.unlock();
        }
    }

    long lastId() {
        lock.lock();
        try {
            return lastId;
        } finally {
            lock.unlock();
        }
    }

    /** The events numbered above {@code after}, waiting up to {@code wait} for one when there is none yet. */
    Batch after(long after, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (lastId <= after && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                appended.await(left, TimeUnit.NANOSECONDS);
            }
            List<Entry> batch = new ArrayList<>();
            long firstKept = entries.isEmpty() ? lastId + 1 : entries.peekFirst().id();
            for (Entry entry : entries) {
                if (entry.id() > after) batch.add(entry);
            }
            return new Batch(batch, Math.max(0, firstKept - 1 - after));
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader for good: the server is stopping. */
    void close() {
        lock.lock();
        try {
            closed = true;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }
}
