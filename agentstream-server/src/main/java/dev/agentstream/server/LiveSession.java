package dev.agentstream.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentLoop;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.agent.session.TranscriptStore;
import dev.agentstream.core.EventJson;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session open in the server: its agent loop, run one task at a time on its own thread, and the log of
 * its events in the wire form {@code run --json} prints ({@link AgentEventJson}), plus a {@code task} event
 * for each task the person sent, so a page rebuilt from the log shows the whole conversation.
 */
final class LiveSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveSession.class);

    /** A task arrived while the previous one still runs. */
    static final class Busy extends Exception {
        Busy() {
            super("This session is still working on the last task; wait for it to finish or press Stop first.");
        }
    }

    private final String id;
    private final TranscriptStore store;
    private final LoopFactory factory;
    private final AgentListener observer;
    private final EventLog events;
    private final AtomicBoolean running = new AtomicBoolean();
    /** What the person did on the desktop since the model last heard: told with the next task. */
    private final java.util.List<String> personActions = new java.util.ArrayList<>();
    private AgentLoop loop;
    private Thread worker;
    private boolean closed;

    LiveSession(Transcript transcript, TranscriptStore store, LoopFactory factory, AgentListener observer, long maxLogChars) {
        this.id = transcript.id();
        this.store = store;
        this.factory = factory;
        this.observer = observer;
        this.events = new EventLog(maxLogChars);
        this.loop = factory.open(transcript, this::record);
    }

    String id() {
        return id;
    }

    EventLog events() {
        return events;
    }

    boolean isRunning() {
        return running.get();
    }

    /** Starts {@code task} on this session's thread; the loop's events reach the log as they happen. */
    synchronized void submit(String task) throws Busy {
        if (closed) throw new IllegalStateException("The server is stopping.");
        if (!running.compareAndSet(false, true)) throw new Busy();
        if (loop.isStopped()) {
            // A stopped loop takes no more tasks: the session goes on in a new loop over the same transcript.
            loop.close();
            loop = factory.open(store.resume(id, factory.model()), this::record);
        }
        AgentLoop current = loop;
        append(EventJson.mapper().createObjectNode().put("type", "task").put("text", task));
        String told = personActions.isEmpty() ? task : "While you were paused, the person took over the desktop and did this "
                + "(positions in your screenshot's pixels):\n- " + String.join("\n- ", personActions)
                + "\nThe screen may have changed since your last screenshot.\n\n" + task;
        personActions.clear();
        worker = Thread.ofVirtual().name("agentstream-serve-" + id).start(() -> {
            try {
                current.run(told);
            } catch (RuntimeException e) {
                log.warn("Session {} failed: {}", id, e.toString(), e);
                append(EventJson.mapper().createObjectNode().put("type", "notice")
                        .put("message", "The session failed inside agentstream (" + e.getMessage() + "); the log file has the details."));
            } finally {
                running.set(false);
            }
        });
    }

    /**
     * What Ctrl-C does in {@code run}: cancels the running tool calls, or, with none running (or a second
     * press within two seconds), stops the reply. Blocks while cancelled tools clean up.
     */
    AgentLoop.Interruption interrupt() {
        AgentLoop current;
        synchronized (this) {
            current = loop;
        }
        return current.interrupt();
    }

    /** Pauses the agent for a take-over: the reply and the running calls stop; the next task goes on in a new loop. */
    void pause() {
        AgentLoop current;
        synchronized (this) {
            current = loop;
        }
        current.stop();
    }

    /** A person's action on the desktop, in one line; shown on the page now and told to the model with the next task. */
    synchronized void personDid(String line) {
        personActions.add(line);
        append(EventJson.mapper().createObjectNode().put("type", "notice").put("message", "You (take-over): " + line));
    }

    private void record(AgentEvent event) {
        observer.accept(event);
        append(AgentEventJson.toJson(event));
    }

    private void append(ObjectNode json) {
        try {
            events.append(EventJson.mapper().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        loop.stop();
        if (worker != null) {
            try {
                // The task ends soon after stop(); its last events still reach the transcript before it closes.
                worker.join(java.time.Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
        events.close();
    }
}
