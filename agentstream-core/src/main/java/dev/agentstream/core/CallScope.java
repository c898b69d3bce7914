package dev.agentstream.core;

import dev.agentstream.core.view.ModelView;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a tool's body sees while it runs: where to send output, progress and images, whether the
 * call was cancelled, and the model view its output accumulates into.
 */
public final class CallScope {

    private final ToolCall call;
    private final ToolContext context;
    private final ToolStream stream;
    private final ModelView view;
    private final ProgressThrottle throttle;
    private final long startNanos = System.nanoTime();
    private final AtomicLong firstOutputNanos = new AtomicLong(-1);
    private final CopyOnWriteArrayList<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    CallScope(ToolCall call, ToolContext context, ToolStream stream, ModelView view) {
        this.call = call;
        this.context = context;
        this.stream = stream;
        this.view = view;
        this.throttle = new ProgressThrottle(context.config().progressInterval());
    }

    public ToolCall call() {
        return call;
    }

    public ToolContext context() {
        return context;
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Milliseconds from the start to the first output, or -1 if there was none. */
    public long firstOutputMs() {
        long first = firstOutputNanos.get();
        return first < 0 ? -1 : (first - startNanos) / 1_000_000;
    }

    /** Sends a chunk of output to the watcher and into the model view (and its spool file). */
    public void output(String streamName, String text) {
        if (text.isEmpty()) return;
        firstOutputNanos.compareAndSet(-1, System.nanoTime());
        view.append(text);
        stream.publish(new ToolEvent.Output(call.id(), elapsedMs(), streamName, text));
    }

    /**
     * Sends a chunk of output whose UTF-8 encoding the tool already has ({@code utf8[offset, offset + length)},
     * exactly {@code text.getBytes(UTF_8)}): the model view spools those bytes rather than encoding the text again,
     * and the event carries a copy of them ({@link ToolEvent.Output#utf8()}) for a watcher that writes UTF-8.
     */
    public void output(String streamName, String text, byte[] utf8, int offset, int length) {
        output(streamName, text, utf8, offset, length, -1);
    }

    /**
     * As {@link #output(String, String, byte[], int, int)}, for a tool that counted the line feeds in those bytes
     * ({@code lineFeeds}; -1 when it did not), so the model view need not count them again.
     */
    public void output(String streamName, String text, byte[] utf8, int offset, int length, long lineFeeds) {
        if (text.isEmpty()) return;
        firstOutputNanos.compareAndSet(-1, System.nanoTime());
        view.append(text, utf8, offset, length, lineFeeds);
        byte[] copy = Arrays.copyOfRange(utf8, offset, offset + length); // the tool reuses its buffer
        stream.publish(new ToolEvent.Output(call.id(), elapsedMs(), streamName, text, copy));
    }

    /**
     * Sends a chunk of output all of whose bytes are ASCII ({@code ascii[offset, offset + length)}, each below
     * 0x80: the caller knows, and they are not checked again), so they are its text's UTF-8 encoding, one char
     * each. The model view and the spool take the bytes, and the event makes its text only if a watcher asks
     * for it ({@link ToolEvent.Output#ofAscii}): a large file's view is not copied into a string per chunk.
     */
    public void outputAscii(String streamName, byte[] ascii, int offset, int length, long lineFeeds) {
        if (length == 0) return;
        firstOutputNanos.compareAndSet(-1, System.nanoTime());
        view.appendAscii(ascii, offset, length, lineFeeds);
        byte[] copy = Arrays.copyOfRange(ascii, offset, offset + length); // the tool reuses its buffer
        stream.publish(ToolEvent.Output.ofAscii(call.id(), elapsedMs(), streamName, copy));
    }

    /** Reports progress; throttled, so call it as often as is convenient. */
    public void progress(String message, OptionalDouble fraction, Map<String, Long> counters) {
        if (!throttle.admit(System.nanoTime(), message, fraction, counters)) return;
        stream.publish(new ToolEvent.Progress(call.id(), elapsedMs(), message, fraction, counters));
    }

    public void image(String mediaType, byte[] bytes, int width, int height, Map<String, Object> metadata) {
        stream.publish(new ToolEvent.Image(call.id(), elapsedMs(), mediaType, bytes, width, height, metadata));
    }

    public ModelView view() {
        return view;
    }

    /** The facts about this call's output every result carries. */
    public Map<String, Object> outputMetadata() {
        view.flush();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("bytes", view.bytes());
        meta.put("lines", view.lines());
        meta.put("truncated", view.truncated());
        // A call without output has no spool file to point at.
        if (view.hasSpool()) meta.put("spoolPath", view.spoolPath().toString());
        return meta;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Registers work to do when the consumer cancels the call (kill a process, close a socket). */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled) hook.run();
    }

    void cancel() {
        cancelled = true;
        for (Runnable hook : cancelHooks) {
            hook.run();
        }
    }
}
