package dev.agentstream.mcp;

import dev.agentstream.core.Session;
import dev.agentstream.core.ToolStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state agentstream keeps per MCP session: one core {@link Session} (the bash process, the editor's
 * history), so sessions never see each other; the calls running in it, so a cancellation or a lost
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

    /** How often, and how many times, a cancellation knocks on the thread reading a cancelled call's events. */
    private static final long WAKE_INTERVAL_MS = 50;
    private static final int WAKE_ATTEMPTS = 200;

    private final Map<String, State> sessions = new ConcurrentHashMap<>();
    private final Duration idleLimit;

    /** A call in progress: its stream, and the thread that reads it (see {@link #cancel}). */
    private record Running(ToolStream stream, Thread reader) {}

    private static final class State {
        final Session core = Session.create();
        final Map<String, Running> running = new ConcurrentHashMap<>();
        final Set<String> cancelledEarly = new LinkedHashSet<>();
        final Set<String> cancelledByClient = new LinkedHashSet<>();
        final ReplayLog replay = new ReplayLog();
        volatile long lastUsedNanos = System.nanoTime();
    }

    McpSessions() {
        this(DEFAULT_IDLE_LIMIT);
    }

    McpSessions(Duration idleLimit) {
        this.idleLimit = idleLimit;
    }

    Duration idleLimit() {
        return idleLimit;
    }

    /** The core session of an MCP session, created on its first call. */
    Session coreSession(String sessionId) {
        return state(sessionId).core;
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
     * Remembers a running call so that {@code notifications/cancelled} can close its stream. The calling
     * thread is the one that reads the stream's events. Run the returned action once the call is over.
     */
    Runnable started(String sessionId, String requestId, ToolStream stream) {
        State state = state(sessionId);
        Running call = new Running(stream, Thread.currentThread());
        state.running.put(requestId, call);
        boolean alreadyCancelled;
        synchronized (state.cancelledEarly) {
            alreadyCancelled = state.cancelledEarly.remove(requestId);
        }
        if (alreadyCancelled) cancel(state, requestId, call);
        return () -> {
            state.running.remove(requestId, call);
            state.lastUsedNanos = System.nanoTime();
        };
    }

    @Override
    public void opened(String sessionId) {
        state(sessionId);
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
        Running call = state.running.get(requestId);
        if (call != null) {
            log.info("MCP session {} cancelled request {}", sessionId, requestId);
            cancel(state, requestId, call);
            return;
        }
        remember(state.cancelledEarly, requestId);
    }

    /** The connection that was to carry a request's answer broke: nobody is left to read it, so the call stops. */
    void connectionLost(String sessionId, String requestId) {
        State state = sessions.get(sessionId);
        Running call = state == null || requestId == null ? null : state.running.get(requestId);
        if (call == null) return;
        log.info("MCP session {} lost the connection of request {}; cancelling it", sessionId, requestId);
        cancel(state, requestId, call);
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
        log.info("MCP session {} ended; closing its {} running calls and its shell", sessionId, state.running.size());
        state.running.forEach((requestId, call) -> cancel(state, requestId, call));
        state.core.close();
    }

    @Override
    public void close() {
        Set.copyOf(sessions.keySet()).forEach(this::ended);
    }

    /** The sessions alive now. */
    List<String> ids() {
        return List.copyOf(sessions.keySet());
    }

    private State state(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new State());
    }

    private static void remember(Set<String> requestIds, String requestId) {
        synchronized (requestIds) {
            requestIds.add(requestId);
            if (requestIds.size() > CANCELS_KEPT) requestIds.remove(requestIds.iterator().next());
        }
    }

    /**
     * Closes the call's stream, which kills its processes and waits until the tool has cleaned up, so this
     * runs on a thread of its own, never on the one reading the client's messages. A reader blocked waiting
     * for the stream's next event is not woken by a close from another thread, so the reader is
     * interrupted until it has let go of the call; it then finds the call's (cancelled) result.
     */
    private static void cancel(State state, String requestId, Running call) {
        Thread.ofVirtual().name("mcp-cancel-" + call.stream().callId()).start(() -> {
            call.stream().close();
            try {
                for (int i = 0; i < WAKE_ATTEMPTS && state.running.get(requestId) == call; i++) {
                    call.reader().interrupt();
                    Thread.sleep(WAKE_INTERVAL_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
