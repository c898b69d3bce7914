package dev.agentstream.agent;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a session's events. Called from the loop's thread and from tool threads at the same time, so
 * implementations synchronize. A listener that throws is logged and skipped; the session goes on.
 */
@FunctionalInterface
public interface AgentListener extends Consumer<AgentEvent> {

    static AgentListener none() {
        return event -> {};
    }

    /** Hands every event to each listener in turn; one failing does not keep the event from the others. */
    static AgentListener all(AgentListener... listeners) {
        List<AgentListener> targets = List.of(listeners);
        Logger log = LoggerFactory.getLogger(AgentListener.class);
        return event -> {
            for (AgentListener target : targets) {
                try {
                    target.accept(event);
                } catch (RuntimeException e) {
                    log.warn("An agent event listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
                }
            }
        };
    }
}
