/**
 * The agent loop over the Anthropic Messages API, as a library: the loop, its events, outcomes and settings
 * ({@code dev.agentstream.agent}), the model client and catalogue ({@code .model}) and transcripts
 * ({@code .session}). How the loop runs tool calls ({@code .tools}) and keeps the conversation
 * ({@code .conversation}) is not exported.
 */
module dev.agentstream.agent {
    requires transitive dev.agentstream.core;
    requires com.anthropic;
    requires org.slf4j;

    exports dev.agentstream.agent;
    exports dev.agentstream.agent.model;
    exports dev.agentstream.agent.session;
}
