package dev.agentstream.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calls one turn started, across the attempts of that turn, so that a retried turn never runs a tool
 * twice. Tools start while the reply is still streaming; if the stream then breaks, the turn is requested
 * again and the model asks for its calls again. A call asked for again under the same tool_use id gets the
 * result of the run that already happened. The API gives a retried reply new ids, so a call from a failed
 * attempt is also matched by the same tool name and the same input, once, in order. Calls from failed
 * attempts that the retried reply did not ask for again are reported to the model, since they did run.
 */
public final class ToolCallLedger {

    private final Map<String, PendingCall> byId = new HashMap<>();
    private final List<PendingCall> currentAttempt = new ArrayList<>();
    private final Set<PendingCall> fromFailedAttempts = new LinkedHashSet<>();

    /** The call that already answers this tool_use, if one ran (or runs) for it; it is then part of this attempt. */
    public synchronized Optional<PendingCall> claim(String id, String name, JsonNode input) {
        PendingCall known = byId.get(id);
        if (known == null) {
            for (Iterator<PendingCall> it = fromFailedAttempts.iterator(); it.hasNext(); ) {
                PendingCall candidate = it.next();
                if (candidate.call().name().equals(name) && candidate.call().input().equals(input)) {
                    it.remove();
                    known = candidate;
                    byId.put(id, known);
                    break;
                }
            }
        } else {
            fromFailedAttempts.remove(known);
        }
        if (known != null) currentAttempt.add(known);
        return Optional.ofNullable(known);
    }

    public synchronized void started(String id, PendingCall call) {
        byId.put(id, call);
        currentAttempt.add(call);
    }

    /** The attempt in progress failed: its calls may be asked for again by the next attempt. */
    public synchronized void attemptFailed() {
        fromFailedAttempts.addAll(currentAttempt);
        currentAttempt.clear();
    }

    /** Calls that ran in a failed attempt and were not asked for again; the model has not seen their results. */
    public synchronized List<PendingCall> unclaimed() {
        return List.copyOf(fromFailedAttempts);
    }
}
