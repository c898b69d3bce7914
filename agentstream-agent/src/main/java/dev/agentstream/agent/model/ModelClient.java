package dev.agentstream.agent.model;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.MessageCreateParams;

/** Opens one streaming Messages request. Closing the returned response (from any thread) aborts it. */
public interface ModelClient extends AutoCloseable {

    StreamResponse<BetaRawMessageStreamEvent> stream(MessageCreateParams params);

    /** The models the API offers to this key, newest first as the API lists them. */
    java.util.List<OfferedModel> models();

    @Override
    void close();
}
