package dev.agentstream.agent.model;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.MessageCreateParams;

/** Opens one streaming Messages request. Closing the returned response (from any thread) aborts it. */
public interface ModelClient extends AutoCloseable {

    StreamResponse<BetaRawMessageStreamEvent> stream(MessageCreateParams params);

    @Override
    void close();
}
