package dev.agentstream.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call started by a {@link ToolRuntime}: the events its reader pulls, and the handle that cancels it.
 * Whatever happens, the reader's events end with exactly one terminal event: the tool's own, or, once the
 * call is cancelled, a cancelled result within the cancel deadline, even while the tool is still winding
 * down. A call that waits for its lane starts once the calls before it in that lane have ended.
 */
public final class RunningCall implements Iterable<ToolEvent> {

    private static final Logger log = LoggerFactory.getLogger(RunningCall.class);

    /** The first sentence of the result of a call cancelled before its lane let it start. */
    public static final String CANCELLED_BEFORE_START = "The call was cancelled before it started; it did not run.";
    /** The first sentence of the result of a call cancelled while it ran. */
    public static final String CANCELLED_WHILE_RUNNING = "The call was cancelled while it ran and its work was stopped.";

    private static final long POLL_MS = 50;

    private final ToolCall call;
    private final StreamingMode mode;
    private final Duration cancelDeadline;
    private final long createdNanos = System.nanoTime();
    /** The tool's stream once the call started, or null when it ended without starting. */
    private final CompletableFuture<ToolStream> started = new CompletableFuture<>();
    /** The terminal event the reader gets: the first of the tool's own end, a cancel's, or a refusal's. */
    private final CompletableFuture<ToolEvent> end = new CompletableFuture<>();
    /** The tool's work is over (or was given up on after the cancel grace). */
    private final CompletableFuture<Void> workEnded = new CompletableFuture<>();
    /** The reader has taken (and handled) the terminal event, or the call was cancelled. */
    private final CompletableFuture<Void> readerDone = new CompletableFuture<>();
    /** The next call in this call's lane may start: the work is over and whoever reads it has seen its end. */
    private final CompletableFuture<Void> over = CompletableFuture.allOf(workEnded, readerDone);
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicBoolean streamCancelled = new AtomicBoolean();
    private volatile long beganNanos;
    private boolean beginning;
    private boolean iterated;

    RunningCall(ToolCall call, StreamingMode mode, Duration cancelDeadline) {
        this.call = call;
        this.mode = mode;
        this.cancelDeadline = cancelDeadline;
    }

    public ToolCall call() {
        return call;
    }

    public String id() {
        return call.id();
    }

    /** How the registry delivers this tool's events: all of them, or only the terminal one. */
    public StreamingMode mode() {
        return mode;
    }

    public boolean isCancelled() {
        return cancelRequested.get();
    }

    /** The terminal event the reader gets (or got), once it is decided. */
    public CompletableFuture<ToolEvent> ended() {
        return end.copy();
    }

    /** Completes when the tool's work is over, or given up on after it ignored a cancel for its grace time. */
    public CompletableFuture<Void> workEnded() {
        return workEnded.copy();
    }

    /**
     * Completes when the call is over for its session: its work has ended and its reader has taken the
     * terminal event (or it was cancelled). The next call in its lane starts then, so a watcher never sees
     * the next call start before this one's end.
     */
    public CompletableFuture<Void> over() {
        return over.copy();
    }

    /**
     * Cancels the call: one still waiting for its lane never starts; a running one has its work killed. The
     * reader's events end with a cancelled result within the cancel deadline. Returns at once.
     *
     * @return false if the call had already ended
     */
    public boolean cancel() {
        if (end.isDone()) return false;
        cancelRequested.set(true);
        // Nobody waits for the reader of a cancelled call: its lane is free once the work is over.
        readerDone.complete(null);
        ToolStream stream;
        synchronized (this) {
            if (end.isDone()) return false;
            stream = started.getNow(null);
            if (stream == null && !beginning) {
                endWithoutStarting(CANCELLED_BEFORE_START);
                return true;
            }
        }
        // A call that is starting right now is cancelled by begin() once its stream exists.
        if (stream != null) cancelStream(stream);
        return true;
    }

    /** Starts the work; the runtime calls this once the call's lane is free. */
    void begin(Supplier<ToolStream> execute) {
        synchronized (this) {
            if (cancelRequested.get() || end.isDone()) {
                if (!end.isDone()) endWithoutStarting(CANCELLED_BEFORE_START);
                return;
            }
            beginning = true;
        }
        beganNanos = System.nanoTime();
        ToolStream stream;
        try {
            stream = execute.get();
        } catch (RuntimeException e) {
            log.warn("Call {} of tool {} could not start: {}", call.id(), call.name(), e.toString());
            stream = ToolStream.of(call.id(), new ToolEvent.Started(call.id(), 0, call.name()),
                    new ToolEvent.Failed(call.id(), 0, ToolError.of(e)));
        }
        stream.terminalProduced().whenComplete((terminal, error) -> workEnded.complete(null));
        synchronized (this) {
            started.complete(stream);
        }
        if (cancelRequested.get()) cancelStream(stream);
    }

    /** Ends a call that never starts (cancelled while waiting, or refused), with a Started and an error result. */
    void endWithoutStarting(String reason) {
        ToolResult result = ToolResult.error(reason).withMetadata(cancelRequested.get()
                ? Map.of("cancelled", true, "started", false) : Map.of("started", false));
        synchronized (this) {
            if (!end.complete(new ToolEvent.Completed(call.id(), 0, result))) return;
            started.complete(null);
        }
        workEnded.complete(null);
    }

    private void cancelStream(ToolStream stream) {
        if (!streamCancelled.compareAndSet(false, true)) return;
        boolean endedBefore = stream.terminal().isPresent();
        stream.terminalProduced().thenAccept(terminal -> end.complete(endedBefore ? terminal : cancelled(terminal)));
        CompletableFuture.delayedExecutor(cancelDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> end.complete(stillStopping()));
        // Closing kills the work and waits (bounded) for the tool to clean up: never on the reader's thread.
        Thread.ofVirtual().name("cancel-" + call.id()).start(() -> {
            try {
                stream.close();
            } finally {
                workEnded.complete(null);
            }
        });
    }

    private ToolEvent cancelled(ToolEvent terminal) {
        List<ContentBlock> content = new ArrayList<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        if (terminal instanceof ToolEvent.Completed completed) {
            content.add(new ContentBlock.Text(CANCELLED_WHILE_RUNNING + " What it produced before that:"));
            content.addAll(completed.result().content());
            meta.putAll(completed.result().metadata());
        } else {
            content.add(new ContentBlock.Text(CANCELLED_WHILE_RUNNING));
        }
        meta.put("cancelled", true);
        return new ToolEvent.Completed(call.id(), terminal.t(), new ToolResult(content, true, meta));
    }

    private ToolEvent stillStopping() {
        ToolResult result = ToolResult.error(CANCELLED_WHILE_RUNNING + " It had not finished stopping within "
                        + cancelDeadline.toMillis() + " ms, so what it produced is not included here.")
                .withMetadata(Map.of("cancelled", true));
        return new ToolEvent.Completed(call.id(), sinceBegan(), result);
    }

    private long sinceBegan() {
        long began = beganNanos;
        return began == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    }

    /**
     * The call's events, each as it happens, ending with exactly one terminal event. Iterate once, on one
     * thread. An interrupt of the reading thread cancels the call; the reader still gets its cancelled
     * result, and its interrupt status is set again after that.
     */
    @Override
    public Iterator<ToolEvent> iterator() {
        synchronized (this) {
            if (iterated) throw new IllegalStateException("The events of a RunningCall can be read once.");
            iterated = true;
        }
        return new Reader();
    }

    /** Reads the events to the end, handing each non-terminal one to {@code sink}; returns the terminal one. */
    public ToolEvent awaitTerminal(Consumer<ToolEvent> sink) {
        return readToEnd(sink, true);
    }

    private ToolEvent readToEnd(Consumer<ToolEvent> sink, boolean releaseOnTerminal) {
        Reader reader = (Reader) iterator();
        reader.releaseOnTerminal = releaseOnTerminal;
        while (reader.hasNext()) {
            ToolEvent event = reader.next();
            if (event.isTerminal()) return event;
            sink.accept(event);
        }
        throw new IllegalStateException("unreachable: every call ends with a terminal event");
    }

    /**
     * Reads the events to the end, handing them to {@code listener} as the tool's mode says (all of them, or
     * only the terminal one when BUFFERED). A listener that throws gets no more events, but the call still
     * runs to its end and the terminal event is returned: the automatic fallback.
     */
    public ToolEvent deliver(Consumer<ToolEvent> listener) {
        try {
            return Delivery.deliver(call.id(), mode, sink -> readToEnd(sink, false), listener);
        } finally {
            readerDone.complete(null);
        }
    }

    /** Reads the events to the end and returns the result; a failure inside the runtime becomes an error result. */
    public ToolResult result() {
        return ToolRegistry.resultOf(awaitTerminal(event -> {}));
    }

    private final class Reader implements Iterator<ToolEvent> {
        private final List<ToolEvent> ready = new ArrayList<>();
        private ToolStream stream;
        private boolean interrupted;
        private boolean finished;
        /** Whether taking the terminal event frees the lane; deliver() frees it once its listener has handled it. */
        private boolean releaseOnTerminal = true;

        @Override
        public boolean hasNext() {
            if (!ready.isEmpty()) return true;
            if (finished) return false;
            if (stream == null) {
                stream = awaitStart();
                if (stream == null) {
                    // It never started: the contract still opens with Started.
                    ready.add(new ToolEvent.Started(call.id(), 0, call.name()));
                    finish();
                    return true;
                }
            }
            while (!cancelRequested.get() && !end.isDone()) {
                ToolEvent event;
                try {
                    event = stream.poll(POLL_MS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                    break;
                }
                if (event == null) {
                    // Someone closed the tool's stream itself: that is a cancel too.
                    if (stream.isClosed()) cancel();
                    continue;
                }
                if (!event.isTerminal()) {
                    ready.add(event);
                    return true;
                }
                end.complete(event);
            }
            finish();
            return true;
        }

        @Override
        public ToolEvent next() {
            if (!hasNext()) throw new NoSuchElementException();
            ToolEvent event = ready.removeFirst();
            if (event.isTerminal() && releaseOnTerminal) readerDone.complete(null);
            return event;
        }

        private ToolStream awaitStart() {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private void finish() {
            finished = true;
            while (true) {
                try {
                    ready.add(end.get());
                    break;
                } catch (InterruptedException e) {
                    // end is bound to complete: a cancel is already under way, with its deadline.
                    interrupted = true;
                    cancel();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
