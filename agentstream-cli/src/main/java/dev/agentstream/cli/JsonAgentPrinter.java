package dev.agentstream.cli;

import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentListener;
import java.io.PrintStream;

/**
 * {@code run --json}: every model and tool event as one line of {@link AgentEventJson} on stdout. Public for the
 * benchmarks, which measure what printing costs the loop.
 */
public final class JsonAgentPrinter implements AgentListener {

    private final JsonLines lines;

    public JsonAgentPrinter(PrintStream out) {
        this.lines = new JsonLines(out);
    }

    @Override
    public void accept(AgentEvent event) {
        lines.print(AgentEventJson.toJson(event));
    }
}
