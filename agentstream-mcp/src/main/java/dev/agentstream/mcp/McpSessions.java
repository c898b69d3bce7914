package dev.agentstream.mcp;

import dev.agentstream.core.RunningCall;
import dev.agentstream.core.Session;
import dev.agentstream.core.ToolCall;
import dev.agentstream.core.ToolRuntime;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state agentstream keeps per MCP session: one {@link ToolRuntime} session (the bash process, the
 * editor's history, its lanes), so sessions never see each other; the calls running in it, so a cancellation or a lost
 * connection can find its call; the requests its client cancelled, whose answers are held back; the events
 * it was sent, for resumption; and when it was last used, so an abandoned session expires. Ending an MCP
 * session cancels its calls and closes its core session.
 */
final class McpSessions implements SessionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpSessions.class);

    /** HTTP sessions nobody used for this long end (their shells with them) unless told otherwise. */
    static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMinutes(30);

    /** Cancellations remembered per session: before their call started, or to hold back their answer. */
    private static final int CANCELS_KEPT = 64;

    private final Map<String, State> sessions = new ConcurrentHashMap<>();
    private final Optional<ToolMetrics> metrics;
    private final ToolRuntime runtime;
    private final Duration idleLimit;
    private final Set<String> readiedTools;

    private static final class State {
        final Session core;
        /** Done once the tools readied this session's state ahead of its first call (or found they could not). */
        volatile CompletableFuture<Void> readied = CompletableFuture.completedFuture(null);
        final Map<String, RunningCall> running = new ConcurrentHashMap<>();
        final Set<String> cancelledEarly = new LinkedHashSet<>();
        final Set<String> cancelledByClient = new LinkedHashSet<>();
        final ReplayLog replay = new ReplayLog();
        volatile long lastUsedNanos = System.nanoTime();

        State(Session core) {
            this.core = core;
        }
    }

    McpSessions(ToolRuntime runtime) {
        this(runtime, DEFAULT_IDLE_LIMIT);
    }

    McpSessions(ToolRuntime runtime, Duration idleLimit) {
        this(runtime, idleLimit, Optional.empty());
    }

    McpSessions(ToolRuntime runtime, Duration idleLimit, Optional<ToolMetrics> metrics) {
        this(runtime, idleLimit, metrics, Set.of());
    }

    /** {@code readiedTools}: the tools that ready a session's state when it opens (the bash tool starts its shell). */
    McpSessions(ToolRuntime runtime, Duration idleLimit, Optional<ToolMetrics> metrics, Set<String> readiedTools) {
        this.runtime = runtime;
        this.idleLimit = idleLimit;
        this.metrics = metrics;
        this.readiedTools = Set.copyOf(readiedTools);
    }

    /** Where the calls' events are counted, when this server serves metrics. */
    Optional<ToolMetrics> metrics() {
        return metrics;
    }

    /** How many sessions are open now. */
    int openCount() {
        return sessions.size();
    }

    Duration idleLimit() {
        return idleLimit;
    }

    /** The events sent to an MCP session's client, for resumption. */
    ReplayLog replayLog(String sessionId) {
        return state(sessionId).replay;
    }

    /** Whether the session exists here (it began and has not ended). */
    boolean exists(String sessionId) {
        return sessionId != null && sessions.containsKey(sessionId);
    }

    /**
     * Starts {@code call} in the MCP session's runtime session, known by its request id so that
     * {@code notifications/cancelled} or a lost connection can cancel it. Run the returned action once
     * the call's terminal event was read.
     */
    Started start(String sessionId, String requestId, ToolCall call) {
        State state = state(sessionId);
        RunningCall running = runtime.start(state.core, call);
        state.running.put(requestId, running);
        boolean alreadyCancelled;
        synchronized (state.cancelledEarly) {
            alreadyCancelled = state.cancelledEarly.remove(requestId);
        }
        if (alreadyCancelled) running.cancel();
        return new Started(running, () -> {
            state.running.remove(requestId, running);
            state.lastUsedNanos = System.nanoTime();
        });
    }

    /** A started call and what to do once it is over. */
    record Started(RunningCall call, Runnable finished) {}

    /** Opens the session's state and lets its tools ready it, so that its first call does not wait for a shell to start. */
    @Override
    public void opened(String sessionId) {
        State state = state(sessionId);
        if (!readiedTools.isEmpty()) state.readied = runtime.prepare(state.core, readiedTools);
    }

    /** Done once the session's tools readied its state, as far as they could (for tests). */
    CompletableFuture<Void> readied(String sessionId) {
        return state(sessionId).readied;
    }

    @Override
    public void used(String sessionId) {
        State state = sessions.get(sessionId);
        if (state != null) state.lastUsedNanos = System.nanoTime();
    }

    @Override
    public boolean expired(String sessionId) {
        State state = sessions.get(sessionId);
        return state == null || (state.running.isEmpty() && System.nanoTime() - state.lastUsedNanos > idleLimit.toNanos());
    }

    @Override
    public void cancelled(String sessionId, String requestId) {
        if (requestId == null) return;
        State state = state(sessionId);
        remember(state.cancelledByClient, requestId);
        RunningCall call = state.running.get(requestId);
        if (call != null) {
            log.info("MCP session {} cancelled request {}", sessionId, requestId);
            call.cancel();
            return;
        }
        remember(state.cancelledEarly, requestId);
    }

    /** The connection that was to carry a request's answer broke: nobody is left to read it, so the call stops. */
    void connectionLost(String sessionId, String requestId) {
        State state = sessions.get(sessionId);
        RunningCall call = state == null || requestId == null ? null : state.running.get(requestId);
        if (call == null) return;
        log.info("MCP session {} lost the connection of request {}; cancelling it", sessionId, requestId);
        call.cancel();
    }

    /** Whether the client cancelled the request with this JSON-RPC id (its answer is then held back). */
    boolean cancelledByClient(String sessionId, Object requestId) {
        State state = sessions.get(sessionId);
        if (state == null) return false;
        synchronized (state.cancelledByClient) {
            return state.cancelledByClient.contains(String.valueOf(requestId));
        }
    }

    @Override
    public void ended(String sessionId) {
        State state = sessions.remove(sessionId);
        if (state == null) return;
        log.info("MCP session {} ended; cancelling its {} running calls and closing its shell", sessionId, state.running.size());
        state.core.close();
    }

    @Override
    public void close() {
        Set.copyOf(sessions.keySet()).forEach(this::ended);
        runtime.close();
    }

    /** The sessions alive now. */
    List<String> ids() {
        return List.copyOf(sessions.keySet());
    }

    private State state(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new State(runtime.openSession(id)));
    }

    private static void remember(Set<String> requestIds, String requestId) {
        synchronized (requestIds) {
            requestIds.add(requestId);
            if (requestIds.size() > CANCELS_KEPT) requestIds.remove(requestIds.iterator().next());
        }
    }
}
