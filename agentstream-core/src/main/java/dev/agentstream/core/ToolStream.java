package dev.agentstream.core;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The events of one running call, pulled by the consumer. The buffer between producer and consumer is
 * bounded, in events and in characters of output ({@link #MAX_QUEUED_OUTPUT_CHARS}), so a slow reader slows
 * the tool down instead of growing memory. Closing the stream before
 * its terminal event cancels the work. Iterate it once.
 */
public final class ToolStream implements Iterable<ToolEvent>, AutoCloseable {

    static final int DEFAULT_CAPACITY = 256;
    /** The most characters of output waiting for the reader; a single larger chunk still passes, alone. */
    static final int MAX_QUEUED_OUTPUT_CHARS = 256 * 1024;

    private final String callId;
    private final BlockingQueue<ToolEvent> queue;
    private final Semaphore outputRoom = new Semaphore(MAX_QUEUED_OUTPUT_CHARS);
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
            int room = roomFor(event);
            boolean roomTaken = room == 0;
            while (!closed) {
                if (!roomTaken) {
                    // An untimed wait, which close() ends by releasing room: a timed one makes a virtual thread
                    // schedule and cancel a timer each time the buffer is full (a quarter of a second of CPU,
                    // over two threads, in a profile of a 1 GB view).
                    outputRoom.acquire(room);
                    roomTaken = true;
                } else if (queue.offer(event, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            if (roomTaken) outputRoom.release(room);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    boolean isClosed() {
        return closed;
    }

    /** The next event, or null if none came within {@code millis}; for a reader that handles interrupts itself. */
    ToolEvent poll(long millis) throws InterruptedException {
        return closed ? null : taken(queue.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** The characters of output room an event takes while it waits in the queue. */
    private static int roomFor(ToolEvent event) {
        return event instanceof ToolEvent.Output output ? Math.min(output.textLength(), MAX_QUEUED_OUTPUT_CHARS) : 0;
    }

    private ToolEvent taken(ToolEvent event) {
        if (event != null) {
            int room = roomFor(event);
            if (room > 0) outputRoom.release(room);
        }
        return event;
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
        outputRoom.release(MAX_QUEUED_OUTPUT_CHARS); // wakes a producer waiting for room, which then sees the stream closed
        if (terminal == null) {
            runCancellerOnce();
        }
    }
}
