package dev.agentstream.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent session: the state tools keep between calls (the bash process, the editor's undo history, the
 * screen's last screenshot), the lanes that keep calls sharing that state one after another, and the calls
 * running in it. Closing the session cancels its calls, then closes every resource it holds.
 */
public final class Session implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /** How long closing waits for the session's cancelled calls to end before it closes their resources anyway. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final String id;
    private final Map<String, AutoCloseable> resources = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> laneTails = new HashMap<>();
    private final Set<RunningCall> calls = ConcurrentHashMap.newKeySet();
    private final Runnable onClose;
    private boolean closed;

    public Session(String id) {
        this(id, () -> {});
    }

    Session(String id, Runnable onClose) {
        this.id = id;
        this.onClose = onClose;
    }

    public static Session create() {
        return new Session(newId());
    }

    static String newId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    public synchronized boolean isClosed() {
        return closed;
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

    /**
     * Takes {@code call} into this session and its {@code lane}: returns what it must wait for (the end of
     * the call before it in that lane), or empty if the session is closed.
     */
    synchronized Optional<CompletableFuture<Void>> admit(RunningCall call, Optional<String> lane) {
        if (closed) return Optional.empty();
        calls.add(call);
        CompletableFuture<Void> ended = call.over();
        ended.whenComplete((v, e) -> calls.remove(call));
        if (lane.isEmpty()) return Optional.of(CompletableFuture.completedFuture(null));
        String key = lane.get();
        CompletableFuture<Void> before = laneTails.getOrDefault(key, CompletableFuture.completedFuture(null));
        // The lane is free once this call and every one before it ended: a call cancelled while it waited
        // ends at once, but the call it waited for may still run.
        CompletableFuture<Void> tail = CompletableFuture.allOf(before, ended);
        laneTails.put(key, tail);
        tail.whenComplete((v, e) -> {
            synchronized (this) {
                laneTails.remove(key, tail);
            }
        });
        return Optional.of(before);
    }

    /** The calls started in this session that have not ended yet. */
    public List<RunningCall> runningCalls() {
        return List.copyOf(calls);
    }

    /** Cancels the running calls, waits (bounded) for their work to end, then closes every resource. */
    @Override
    public void close() {
        List<Map.Entry<String, AutoCloseable>> toClose;
        synchronized (this) {
            if (closed && resources.isEmpty()) return;
            closed = true;
        }
        List<RunningCall> running = runningCalls();
        // A call waiting for its lane sees the session closed and never starts, whatever the order here.
        running.forEach(RunningCall::cancel);
        awaitWorkEnded(running);
        synchronized (this) {
            toClose = new ArrayList<>(resources.entrySet());
            resources.clear();
        }
        Collections.reverse(toClose);
        toClose.forEach(e -> closeQuietly(e.getKey(), e.getValue()));
        onClose.run();
    }

    private void awaitWorkEnded(List<RunningCall> running) {
        if (running.isEmpty()) return;
        CompletableFuture<?> all = CompletableFuture.allOf(running.stream().map(RunningCall::workEnded).toArray(CompletableFuture[]::new));
        try {
            all.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Session {} closes with calls that did not stop within {} s; their resources are closed anyway.", id, CLOSE_GRACE.toSeconds());
        }
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
