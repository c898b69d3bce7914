package dev.agentstream.agent;

import dev.agentstream.core.ToolEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps every event a session emitted, in order, for assertions. */
final class EventLog implements AgentListener {

    private final List<AgentEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(AgentEvent event) {
        events.add(event);
    }

    synchronized List<AgentEvent> all() {
        return List.copyOf(events);
    }

    synchronized <T extends AgentEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The index of the first event matching, or -1. */
    synchronized int indexOf(Predicate<AgentEvent> match) {
        for (int i = 0; i < events.size(); i++) {
            if (match.test(events.get(i))) return i;
        }
        return -1;
    }

    synchronized boolean any(Predicate<AgentEvent> match) {
        return indexOf(match) >= 0;
    }

    static Predicate<AgentEvent> toolEvent(String callId, Class<? extends ToolEvent> type) {
        return e -> e instanceof AgentEvent.Tool t && t.event().callId().equals(callId) && type.isInstance(t.event());
    }

    String text() {
        StringBuilder s = new StringBuilder();
        of(AgentEvent.TextDelta.class).forEach(t -> s.append(t.text()));
        return s.toString();
    }

    String toolOutput(String callId) {
        StringBuilder s = new StringBuilder();
        for (AgentEvent.Tool t : of(AgentEvent.Tool.class)) {
            if (t.event() instanceof ToolEvent.Output o && o.callId().equals(callId)) s.append(o.text());
        }
        return s.toString();
    }
}
