package dev.agentstream.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions and calls of every front door. {@link #openSession} gives a session its own state (shell,
 * editor history, screen lanes); {@link #start} runs a call in it and returns the {@link RunningCall} the
 * front door reads and may cancel. Calls of one session that take the same state (see {@link CallLane}) run
 * one after another in the order they were started; the others run at once. Closing the runtime closes
 * every session still open.
 */
public final class ToolRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ToolRuntime.class);

    /** How long a cancelled call's reader waits for the tool's own (cancelled) result before getting one without its output. */
    public static final Duration DEFAULT_CANCEL_DEADLINE = Duration.ofSeconds(1);

    private final ToolRegistry registry;
    private final RuntimeConfig config;
    private final Duration cancelDeadline;
    private final Map<String, Session> open = new ConcurrentHashMap<>();

    public ToolRuntime(ToolRegistry registry, RuntimeConfig config) {
        this(registry, config, DEFAULT_CANCEL_DEADLINE);
    }

    public ToolRuntime(ToolRegistry registry, RuntimeConfig config, Duration cancelDeadline) {
        this.registry = registry;
        this.config = config;
        this.cancelDeadline = cancelDeadline;
    }

    public ToolRegistry registry() {
        return registry;
    }

    public RuntimeConfig config() {
        return config;
    }

    /** Opens a session with a new random id. */
    public Session openSession() {
        while (true) {
            try {
                return openSession(Session.newId());
            } catch (IllegalArgumentException e) {
                // the rare clash of two random ids: draw again
            }
        }
    }

    /**
     * Opens a session named {@code id} (its spool files go under that name). Close it when done; the runtime
     * closes the ones still open when it closes.
     *
     * @throws IllegalArgumentException if a session of that id is open in this runtime
     */
    public Session openSession(String id) {
        Session[] registered = {null};
        open.compute(id, (key, existing) -> {
            if (existing != null) return existing;
            registered[0] = new Session(id, () -> open.remove(id, registered[0]));
            return registered[0];
        });
        if (registered[0] == null) {
            throw new IllegalArgumentException("A session named '" + id + "' is already open; close it or choose another id.");
        }
        return registered[0];
    }

    /**
     * Lets each tool named in {@code toolNames} ready its state in {@code session} ({@link Tool#prepare}), each on a
     * virtual thread of its own, and returns at once. The future completes once every one is done, whether it
     * succeeded or not: a failure is logged and left for the tool's first call to meet again.
     */
    public CompletableFuture<Void> prepare(Session session, Collection<String> toolNames) {
        ToolContext context = new ToolContext(session, config);
        CompletableFuture<?>[] prepared = registry.tools().stream()
                .filter(tool -> toolNames.contains(tool.spec().name()))
                .map(tool -> CompletableFuture.runAsync(() -> prepare(tool, context), runnable -> Thread.ofVirtual()
                        .name("prepare-" + tool.spec().name() + "-" + session.id()).start(runnable)))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(prepared);
    }

    private static void prepare(Tool tool, ToolContext context) {
        try {
            tool.prepare(context);
        } catch (RuntimeException e) {
            log.info("Tool {} could not get session {} ready before its first call ({}); that call will try again.",
                    tool.spec().name(), context.session().id(), e.toString());
        }
    }

    /** The sessions opened here and not closed yet. */
    public List<Session> openSessions() {
        return List.copyOf(open.values());
    }

    /**
     * Starts {@code call} in {@code session}: now, or once the calls before it in its lane have ended.
     * Never throws for a bad call: an unknown tool, bad input or a closed session give an error result.
     */
    public RunningCall start(Session session, ToolCall call) {
        RunningCall running = new RunningCall(call, registry.modeOf(call.name()), cancelDeadline);
        Optional<CompletableFuture<Void>> before = session.admit(running, laneOf(call));
        if (before.isEmpty()) {
            running.endWithoutStarting("Session " + session.id() + " is closed; open a new session to run " + call.name() + ".");
            return running;
        }
        ToolContext context = new ToolContext(session, config);
        Runnable begin = () -> {
            if (session.isClosed()) {
                running.endWithoutStarting("Session " + session.id() + " was closed before this call's turn came; it did not run.");
            } else {
                running.begin(() -> registry.execute(call, context));
            }
        };
        if (before.get().isDone()) {
            begin.run();
        } else {
            before.get().whenComplete((v, e) -> Thread.ofVirtual().name("lane-" + call.id()).start(begin));
        }
        return running;
    }

    private Optional<String> laneOf(ToolCall call) {
        Optional<Tool> tool = registry.find(call.name());
        if (tool.isEmpty()) return Optional.empty();
        try {
            return tool.get().spec().laneOf(call.input());
        } catch (RuntimeException e) {
            log.warn("Tool {} could not name the lane of call {} ({}); it takes the whole tool.", call.name(), call.id(), e.toString());
            return Optional.of("tool:" + call.name());
        }
    }

    /** Closes every session still open: their calls are cancelled and their processes end. */
    @Override
    public void close() {
        openSessions().forEach(Session::close);
    }
}
