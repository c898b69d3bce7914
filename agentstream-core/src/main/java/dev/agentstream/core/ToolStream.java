package dev.agentstream.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The events of one running call, pulled by the consumer. The buffer between producer and consumer is
 * bounded, so a slow reader slows the tool down instead of growing memory. Closing the stream before
 * its terminal event cancels the work. Iterate it once.
 */
public final class ToolStream implements Iterable<ToolEvent>, AutoCloseable {

    static final int DEFAULT_CAPACITY = 256;
    /**
     * Chars of output the buffer holds at most (a single larger event still passes when the buffer is empty):
     * a tool that makes large chunks faster than its reader takes them (a whole-file view) keeps this much in
     * flight, not 256 chunks, so its garbage dies young instead of filling the JVM's old generation.
     */
    static final long MAX_QUEUED_OUTPUT_CHARS = 1 << 18;

    private final String callId;
    private final BlockingQueue<ToolEvent> queue;
    /** Output chars in {@link #queue}, guarded by {@link #outputLock}; a lock (not a monitor) so a virtual thread waiting on it does not pin its carrier. */
    private long queuedOutputChars;
    private final java.util.concurrent.locks.ReentrantLock outputLock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition outputTaken = outputLock.newCondition();
    private volatile Runnable canceller = () -> {};
    private final java.util.concurrent.atomic.AtomicBoolean cancelRan = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;
    private volatile ToolEvent terminal;
    private final java.util.concurrent.CompletableFuture<ToolEvent> terminalFuture = new java.util.concurrent.CompletableFuture<>();
    private boolean terminalDelivered;
    private boolean iterated;

    ToolStream(String callId, int capacity) {
        this.callId = callId;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** A stream that is already over: for calls that end before any work starts (unknown tool, bad input). */
    public static ToolStream of(String callId, ToolEvent... events) {
        ToolStream stream = new ToolStream(callId, Math.max(1, events.length));
        for (ToolEvent event : events) {
            stream.publish(event);
        }
        return stream;
    }

    public String callId() {
        return callId;
    }

    /** Installs the cancel action; a close() that came before it (a Ctrl-C during start-up) runs it now. */
    void onCancel(Runnable canceller) {
        this.canceller = canceller;
        if (closed && terminal == null) runCancellerOnce();
    }

    private void runCancellerOnce() {
        if (cancelRan.compareAndSet(false, true)) canceller.run();
    }

    /**
     * Producer side: blocks while the buffer is full, so the producer runs at the consumer's pace.
     * After the consumer closed the stream, non-terminal events are dropped instead of blocking.
     */
    boolean publish(ToolEvent event) {
        if (event.isTerminal()) {
            terminal = event;
            terminalFuture.complete(event);
        }
        try {
            long chars = outputChars(event);
            if (chars > 0) awaitRoomForOutput(chars);
            while (!closed) {
                if (queue.offer(event, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            if (chars > 0) outputLeft(chars);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static long outputChars(ToolEvent event) {
        return event instanceof ToolEvent.Output o ? o.text().length() : 0;
    }

    /** Waits while the buffered output and this chunk together would pass the limit, then counts the chunk in. */
    private void awaitRoomForOutput(long chars) throws InterruptedException {
        outputLock.lock();
        try {
            // timed, so a close() is noticed even without a signal
            while (!closed && queuedOutputChars > 0 && queuedOutputChars + chars > MAX_QUEUED_OUTPUT_CHARS) {
                outputTaken.await(50, TimeUnit.MILLISECONDS);
            }
            queuedOutputChars += chars;
        } finally {
            outputLock.unlock();
        }
    }

    /** The consumer took {@code event}: its output chars leave the buffer. */
    private ToolEvent taken(ToolEvent event) {
        long chars = event == null ? 0 : outputChars(event);
        if (chars > 0) outputLeft(chars);
        return event;
    }

    private void outputLeft(long chars) {
        outputLock.lock();
        try {
            queuedOutputChars = Math.max(0, queuedOutputChars - chars);
            outputTaken.signalAll();
        } finally {
            outputLock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** The next event, or null if none came within {@code millis}; for a reader that handles interrupts itself. */
    ToolEvent poll(long millis) throws InterruptedException {
        return closed ? null : taken(queue.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** Completes once the producer has produced the terminal event, read or not. */
    java.util.concurrent.CompletableFuture<ToolEvent> terminalProduced() {
        return terminalFuture;
    }

    @Override
    public Iterator<ToolEvent> iterator() {
        if (iterated) {
            throw new IllegalStateException("A ToolStream can be iterated once.");
        }
        iterated = true;
        return new Iterator<>() {
            private ToolEvent next;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                try {
                    // Polls rather than blocks, so a close() from another thread ends this loop promptly.
                    while (next == null) {
                        if (terminalDelivered || closed) return false;
                        next = taken(queue.poll(50, TimeUnit.MILLISECONDS));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    return false;
                }
                return true;
            }

            @Override
            public ToolEvent next() {
                if (!hasNext()) throw new NoSuchElementException();
                ToolEvent event = next;
                next = null;
                if (event.isTerminal()) terminalDelivered = true;
                return event;
            }
        };
    }

    /** Reads the remaining events and returns the terminal one. */
    public ToolEvent awaitTerminal() {
        return awaitTerminal(e -> {});
    }

    /** Reads the remaining events, handing each non-terminal one to {@code sink}, and returns the terminal one. */
    public ToolEvent awaitTerminal(java.util.function.Consumer<ToolEvent> sink) {
        for (ToolEvent event : this) {
            if (event.isTerminal()) return event;
            sink.accept(event);
        }
        // The stream was closed (cancelled) before its end was read: the tool still produces its result.
        try {
            return terminalFuture.get(2 * ToolStreams.CANCEL_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the result of call " + callId + ".", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Call " + callId + " did not end after it was cancelled.", e);
        }
    }

    /** The terminal event, once the producer has produced it (even if the consumer never read it). */
    public Optional<ToolEvent> terminal() {
        return Optional.ofNullable(terminal);
    }

    /** A view of this stream holding only the events {@code keep} accepts (terminal events always pass). */
    public Iterable<ToolEvent> filtered(Predicate<ToolEvent> keep) {
        return () -> {
            Iterator<ToolEvent> all = iterator();
            return new Iterator<>() {
                private ToolEvent next;

                @Override
                public boolean hasNext() {
                    while (next == null && all.hasNext()) {
                        ToolEvent candidate = all.next();
                        if (candidate.isTerminal() || keep.test(candidate)) next = candidate;
                    }
                    return next != null;
                }

                @Override
                public ToolEvent next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    ToolEvent event = next;
                    next = null;
                    return event;
                }
            };
        };
    }

    /** Cancels the work if it is still running and waits (bounded) until the tool has cleaned up. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.clear();
        outputLock.lock();
        try {
            queuedOutputChars = 0;
            outputTaken.signalAll();
        } finally {
            outputLock.unlock();
        }
        if (terminal == null) {
            runCancellerOnce();
        }
    }
}
