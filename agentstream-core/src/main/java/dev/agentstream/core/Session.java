package dev.agentstream.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent session: the state tools keep between calls (the bash process, the editor's undo history).
 * Closing the session closes every resource it holds.
 */
public final class Session implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final String id;
    private final Map<String, AutoCloseable> resources = new LinkedHashMap<>();
    private boolean closed;

    public Session(String id) {
        this.id = id;
    }

    public static Session create() {
        return new Session(UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }

    /** The resource stored under {@code key}, created on first use. */
    public synchronized <T extends AutoCloseable> T resource(String key, Class<T> type, Supplier<T> create) {
        if (closed) {
            throw new IllegalStateException("Session " + id + " is closed.");
        }
        return type.cast(resources.computeIfAbsent(key, k -> create.get()));
    }

    /** Drops (and closes) the resource under {@code key}, so the next {@link #resource} call makes a new one. */
    public void discard(String key) {
        AutoCloseable removed;
        synchronized (this) {
            removed = resources.remove(key);
        }
        closeQuietly(key, removed);
    }

    @Override
    public void close() {
        List<Map.Entry<String, AutoCloseable>> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(resources.entrySet());
            resources.clear();
        }
        Collections.reverse(toClose);
        toClose.forEach(e -> closeQuietly(e.getKey(), e.getValue()));
    }

    private void closeQuietly(String key, AutoCloseable resource) {
        if (resource == null) return;
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing session resource {} of session {} failed: {}", key, id, e.toString());
        }
    }
}
