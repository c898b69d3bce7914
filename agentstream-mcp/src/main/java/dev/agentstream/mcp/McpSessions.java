package dev.agentstream.mcp;

import dev.agentstream.core.Session;
import dev.agentstream.core.ToolStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state agentstream keeps per MCP session: one core {@link Session} (the bash process, the editor's
 * history), so sessions never see each other, and the calls running in it, so a cancellation can find
 * its call. Ending an MCP session cancels its calls and closes its core session.
 */
final class McpSessions implements SessionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpSessions.class);

    /** Cancellations that arrived before their call started; a client cancels only recent requests. */
    private static final int EARLY_CANCELS_KEPT = 64;

    /** How often, and how many times, a cancellation knocks on the thread reading a cancelled call's events. */
    private static final long WAKE_INTERVAL_MS = 50;
    private static final int WAKE_ATTEMPTS = 200;

    private final Map<String, State> sessions = new ConcurrentHashMap<>();

    /** A call in progress: its stream, and the thread that reads it (see {@link #cancel}). */
    private record Running(ToolStream stream, Thread reader) {}

    private static final class State {
        final Session core = Session.create();
        final Map<String, Running> running = new ConcurrentHashMap<>();
        final Set<String> cancelledEarly = new LinkedHashSet<>();
    }

    /** The core session of an MCP session, created on its first call. */
    Session coreSession(String sessionId) {
        return state(sessionId).core;
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
        return () -> state.running.remove(requestId, call);
    }

    @Override
    public void cancelled(String sessionId, String requestId) {
        if (requestId == null) return;
        State state = state(sessionId);
        Running call = state.running.get(requestId);
        if (call != null) {
            log.info("MCP session {} cancelled request {}", sessionId, requestId);
            cancel(state, requestId, call);
            return;
        }
        synchronized (state.cancelledEarly) {
            state.cancelledEarly.add(requestId);
            if (state.cancelledEarly.size() > EARLY_CANCELS_KEPT) {
                state.cancelledEarly.remove(state.cancelledEarly.iterator().next());
            }
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

    private State state(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new State());
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
