package dev.agentstream.agent.tools;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolContext;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model's tool calls, each on its own virtual thread, as soon as they are asked for. Calls that
 * share a lane (see {@link ConcurrencyLanes}) wait for the one before them. Every event of a call goes to
 * the listener as the registry's mode for that tool says (all of them, or only the result when BUFFERED).
 * A call that fails, throws or is cancelled still ends in a result: an error result with the real reason.
 */
public final class ToolRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

    private final ToolRegistry registry;
    private final ToolContext context;
    private final AgentListener listener;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agent-tool-", 0).factory());
    private final Map<String, CompletableFuture<?>> laneTails = new HashMap<>();
    private final Map<String, PendingCall> unfinished = new LinkedHashMap<>();

    public ToolRunner(ToolRegistry registry, ToolContext context, AgentListener listener) {
        this.registry = registry;
        this.context = context;
        this.listener = listener;
    }

    /** Starts {@code call} now, or once the calls before it in its lane have ended. */
    public synchronized PendingCall start(ToolCall call) {
        PendingCall pending = new PendingCall(call);
        unfinished.put(call.id(), pending);
        Optional<String> lane = ConcurrencyLanes.laneOf(call);
        CompletableFuture<?> before = lane.map(l -> laneTails.getOrDefault(l, CompletableFuture.completedFuture(null)))
                .orElse(CompletableFuture.completedFuture(null));
        CompletableFuture<ToolResult> done = before.handle((ignored, error) -> null)
                .thenComposeAsync(ignored -> {
                    run(pending);
                    return pending.result();
                }, threads);
        lane.ifPresent(l -> laneTails.put(l, done));
        done.whenComplete((r, e) -> {
            synchronized (this) {
                unfinished.remove(call.id());
            }
        });
        return pending;
    }

    /** Answers a call without running it (its input was unusable). */
    public PendingCall answer(ToolCall call, ToolResult result) {
        PendingCall pending = new PendingCall(call);
        listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Started(call.id(), 0, call.name())));
        listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Completed(call.id(), 0, result)));
        pending.complete(result);
        return pending;
    }

    /** True while some call has not ended. */
    public synchronized boolean busy() {
        return !unfinished.isEmpty();
    }

    /**
     * Cancels every call that has not ended, waiting ones included; each ends with a "cancelled" error result.
     *
     * @return whether there was anything to cancel
     */
    public boolean cancelAll() {
        List<PendingCall> calls;
        synchronized (this) {
            calls = new ArrayList<>(unfinished.values());
        }
        boolean any = false;
        // Cancel the waiting ones first, so a running call's end does not let the next one start.
        for (int i = calls.size() - 1; i >= 0; i--) {
            any |= calls.get(i).cancel();
        }
        return any;
    }

    private void run(PendingCall pending) {
        ToolCall call = pending.call();
        if (pending.isCancelled()) {
            pending.complete(ToolResult.error(CANCELLED_BEFORE_START));
            listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Completed(call.id(), 0, ToolResult.error(CANCELLED_BEFORE_START))));
            return;
        }
        ToolResult result;
        ToolStream stream = null;
        try {
            stream = registry.execute(call, context);
            if (!pending.attach(stream, Thread.currentThread())) stream.close();
            ToolEvent terminal = deliver(stream, call);
            result = terminal == null ? ToolResult.error(CANCELLED_WHILE_RUNNING) : ToolRegistry.resultOf(terminal);
        } catch (RuntimeException | Error e) {
            log.warn("Tool call {} ({}) failed in the runtime", call.id(), call.name(), e);
            result = ToolResult.error("The tool failed inside the runtime: " + e + ". The call may not have run.");
        } finally {
            pending.detach();
            // A cancel may have interrupted this thread; the interrupt was meant for the read, not the next task.
            Thread.interrupted();
            if (stream != null) stream.close();
        }
        if (pending.isCancelled()) result = markCancelled(result);
        pending.complete(result);
    }

    private ToolEvent deliver(ToolStream stream, ToolCall call) {
        try {
            return registry.deliver(stream, call.name(), event -> listener.accept(new AgentEvent.Tool(call.name(), event)));
        } catch (IllegalStateException e) {
            // Cancelled while the stream was being read: the tool still produced (or will not produce) its result.
            ToolEvent terminal = stream.terminal().orElse(null);
            if (terminal != null) listener.accept(new AgentEvent.Tool(call.name(), terminal));
            else listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Completed(call.id(), 0, ToolResult.error(CANCELLED_WHILE_RUNNING))));
            return terminal;
        }
    }

    static final String CANCELLED_BEFORE_START = "The user cancelled this call (Ctrl-C) before it started; it did not run.";
    static final String CANCELLED_WHILE_RUNNING = "The user cancelled this call (Ctrl-C) while it ran; its processes were stopped.";

    /** The model must learn that the person stopped the call, not that the command failed by itself. */
    private static ToolResult markCancelled(ToolResult result) {
        List<ContentBlock> content = new ArrayList<>();
        content.add(new ContentBlock.Text(CANCELLED_WHILE_RUNNING + " What it printed before that:"));
        content.addAll(result.content());
        Map<String, Object> meta = new LinkedHashMap<>(result.metadata());
        meta.put("cancelled", true);
        return new ToolResult(content, true, meta);
    }

    @Override
    public void close() {
        cancelAll();
        threads.shutdown();
    }
}
