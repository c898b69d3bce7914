package dev.agentstream.agent.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentListener;
import dev.agentstream.core.EventJson;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** NDJSON: every model and tool event as one line of {@link AgentEventJson}, flushed as it happens. */
public final class JsonAgentPrinter implements AgentListener {

    private final PrintStream out;

    public JsonAgentPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(AgentEvent event) {
        try {
            out.print(EventJson.mapper().writeValueAsString(AgentEventJson.toJson(event)));
            out.print('\n');
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
