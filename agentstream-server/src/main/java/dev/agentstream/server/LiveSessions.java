package dev.agentstream.server;

import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.session.TranscriptStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions open in the server, by transcript id: new ones, and saved ones reopened to go on. */
final class LiveSessions implements AutoCloseable {

    /** Past this much event JSON in memory a session drops its oldest events (images make most of it). */
    static final long MAX_LOG_CHARS = 64L << 20;

    private final Map<String, LiveSession> open = new ConcurrentHashMap<>();
    private final TranscriptStore store;
    private final LoopFactory factory;
    private final AgentListener observer;

    LiveSessions(TranscriptStore store, LoopFactory factory, AgentListener observer) {
        this.store = store;
        this.factory = factory;
        this.observer = observer;
    }

    TranscriptStore store() {
        return store;
    }

    LiveSession create() {
        LiveSession session = new LiveSession(store.create(factory.model()), store, factory, observer, MAX_LOG_CHARS);
        open.put(session.id(), session);
        return session;
    }

    Optional<LiveSession> find(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * The open session {@code id}, or the saved one reopened.
     *
     * @throws dev.agentstream.agent.AgentConfigException when no such session is saved
     */
    synchronized LiveSession reopen(String id) {
        LiveSession live = open.get(id);
        if (live != null) return live;
        LiveSession session = new LiveSession(store.resume(id, factory.model()), store, factory, observer, MAX_LOG_CHARS);
        open.put(id, session);
        return session;
    }

    int openCount() {
        return open.size();
    }

    int runningCount() {
        return (int) open.values().stream().filter(LiveSession::isRunning).count();
    }

    @Override
    public void close() {
        open.values().forEach(LiveSession::close);
        open.clear();
    }
}
