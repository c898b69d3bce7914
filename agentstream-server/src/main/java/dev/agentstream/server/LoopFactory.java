package dev.agentstream.server;

import dev.agentstream.agent.AgentListener;
import dev.agentstream.agent.AgentLoop;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.session.Transcript;
import dev.agentstream.core.RuntimeConfig;
import dev.agentstream.core.ToolRegistry;

/**
 * Makes the agent loop of a session, as {@code agentstream run} would with the same options: the front
 * door that starts the server (the CLI) decides the tools, the model and the settings; the server only
 * feeds the loop tasks and carries its events to the page.
 */
public interface LoopFactory {

    /** The model new and resumed transcripts are written with. */
    String model();

    /** A loop over {@code transcript} (new, or resumed with its saved messages) that reports to {@code listener}. */
    AgentLoop open(Transcript transcript, AgentListener listener);

    /** Loops on the Anthropic API (or {@code ANTHROPIC_BASE_URL}) with these settings and tools, as {@code run} makes them. */
    static LoopFactory of(AgentSettings settings, ToolRegistry registry, RuntimeConfig runtime) {
        return new LoopFactory() {
            @Override
            public String model() {
                return settings.model();
            }

            @Override
            public AgentLoop open(Transcript transcript, AgentListener listener) {
                return AgentLoop.open(settings, registry, transcript, listener, runtime);
            }
        };
    }
}
