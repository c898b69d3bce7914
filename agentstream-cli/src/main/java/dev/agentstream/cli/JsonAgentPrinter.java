package dev.agentstream.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentEvent;
import dev.agentstream.agent.AgentEventJson;
import dev.agentstream.agent.AgentListener;
import java.io.PrintStream;

/**
 * {@code run --json}: every model and tool event as one line of {@link AgentEventJson} on stdout, the end's
 * {@code detail} worded for this command ({@link RunWording}). Public for the benchmarks, which measure what
 * printing costs the loop.
 */
public final class JsonAgentPrinter implements AgentListener {

    private final JsonLines lines;

    public JsonAgentPrinter(PrintStream out) {
        this.lines = new JsonLines(out);
    }

    @Override
    public void accept(AgentEvent event) {
        ObjectNode json = AgentEventJson.toJson(event);
        if (event instanceof AgentEvent.SessionEnded ended) json.put("detail", RunWording.ending(ended.outcome(), ended.sessionId()));
        if (event instanceof AgentEvent.Notice notice) json.put("message", RunWording.notice(notice));
        lines.print(json);
    }
}
