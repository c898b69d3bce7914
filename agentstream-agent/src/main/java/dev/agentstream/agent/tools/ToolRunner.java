package dev.agentstream.agent.tools;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.core.ContentBlock;
import dev.agentstream.core.RunningCall;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolEvent;
import dev.agentstream.core.ToolRegistry;
import dev.agentstream.core.ToolResult;
import dev.agentstream.core.ToolRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model's tool calls in the agent's session as soon as they are asked for; the runtime keeps calls
 * that share state (one shell, one screen, one file) one after another. Every event of a call goes to the
 * listener as the registry's mode for that tool says (all of them, or only the result when BUFFERED). A call
 * that fails, throws or is cancelled still ends in a result: an error result with the real reason.
 */
public final class ToolRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);

    static final String CANCELLED_BEFORE_START = "The user cancelled this call (Ctrl-C) before it started; it did not run.";
    static final String CANCELLED_WHILE_RUNNING = "The user cancelled this call (Ctrl-C) while it ran; its processes were stopped.";

    private final ToolRuntime runtime;
    private final Session session;
    private final AgentListener listener;
    private final Map<String, PendingCall> unfinished = new LinkedHashMap<>();

    public ToolRunner(ToolRuntime runtime, Session session, AgentListener listener) {
        this.runtime = runtime;
        this.session = session;
        this.listener = listener;
    }

    /** Starts {@code call} now, or once the calls before it in its lane have ended. */
    public synchronized PendingCall start(ToolCall call) {
        PendingCall pending = new PendingCall(call, runtime.start(session, call));
        unfinished.put(call.id(), pending);
        Thread.ofVirtual().name("agent-tool-" + call.id()).start(() -> read(pending));
        return pending;
    }

    /** Answers a call without running it (its input was unusable). */
    public PendingCall answer(ToolCall call, ToolResult result) {
        PendingCall pending = new PendingCall(call, null);
        answer(pending, result);
        return pending;
    }

    private void answer(PendingCall pending, ToolResult result) {
        ToolCall call = pending.call();
        listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Started(call.id(), 0, call.name())));
        listener.accept(new AgentEvent.Tool(call.name(), new ToolEvent.Completed(call.id(), 0, result)));
        pending.complete(result);
    }

    /**
     * Holds {@code call} back until {@code previous} has ended, then asks {@code instead} about previous's result:
     * an answer given there is the call's result and the call never runs; none, and the call starts. A call
     * cancelled while held back never starts either.
     */
    public synchronized PendingCall startAfter(PendingCall previous, ToolCall call, Function<ToolResult, Optional<ToolResult>> instead) {
        PendingCall pending = new PendingCall(call, null);
        unfinished.put(call.id(), pending);
        previous.result().whenComplete((prior, failure) -> Thread.ofVirtual().name("agent-tool-" + call.id()).start(() ->
                begin(pending, failure == null ? instead.apply(prior) : instead.apply(ToolResult.error("The earlier call failed: " + failure + ".")))));
        return pending;
    }

    private void begin(PendingCall pending, Optional<ToolResult> answer) {
        if (answer.isEmpty() && pending.begin(() -> runtime.start(session, pending.call()))) {
            read(pending);
            return;
        }
        synchronized (this) {
            unfinished.remove(pending.call().id());
        }
        answer(pending, pending.isCancelled() ? ToolResult.error(CANCELLED_BEFORE_START) : answer.orElseThrow());
    }

    /** True while some call has not ended. */
    public synchronized boolean busy() {
        return !unfinished.isEmpty();
    }

    /**
     * Cancels every call that has not ended, waiting ones included; each ends with a "cancelled" error result.
     * Returns at once.
     *
     * @return whether there was anything to cancel
     */
    public boolean cancelAll() {
        List<PendingCall> calls;
        synchronized (this) {
            calls = new ArrayList<>(unfinished.values());
        }
        boolean any = false;
        // The waiting ones first, so a running call's end does not let the next one start.
        for (int i = calls.size() - 1; i >= 0; i--) {
            any |= calls.get(i).cancel();
        }
        return any;
    }

    private void read(PendingCall pending) {
        ToolCall call = pending.call();
        ToolResult result;
        try {
            ToolEvent terminal = pending.running().deliver(event -> listener.accept(new AgentEvent.Tool(call.name(), inOurWords(event))));
            result = ToolRegistry.resultOf(inOurWords(terminal));
        } catch (RuntimeException | Error e) {
            log.warn("Tool call {} ({}) failed in the runtime", call.id(), call.name(), e);
            result = ToolResult.error("The tool failed inside the runtime: " + e + ". The call may not have run.");
        }
        synchronized (this) {
            unfinished.remove(call.id());
        }
        pending.complete(result);
    }

    /** The model must learn that the person stopped the call, not that the command failed by itself. */
    private static ToolEvent inOurWords(ToolEvent event) {
        if (!(event instanceof ToolEvent.Completed completed)) return event;
        ToolResult result = completed.result();
        if (!Boolean.TRUE.equals(result.metadata().get("cancelled")) || result.content().isEmpty()
                || !(result.content().getFirst() instanceof ContentBlock.Text first)) {
            return event;
        }
        List<ContentBlock> content = new ArrayList<>(result.content());
        content.set(0, new ContentBlock.Text(first.text()
                .replace(RunningCall.CANCELLED_BEFORE_START, CANCELLED_BEFORE_START)
                .replace(RunningCall.CANCELLED_WHILE_RUNNING, CANCELLED_WHILE_RUNNING)));
        return new ToolEvent.Completed(completed.callId(), completed.t(), new ToolResult(content, result.isError(), result.metadata()));
    }

    @Override
    public void close() {
        cancelAll();
    }
}
