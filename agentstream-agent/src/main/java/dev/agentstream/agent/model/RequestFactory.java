package dev.agentstream.agent.model;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.beta.messages.BetaCacheControlEphemeral;
import com.anthropic.models.beta.messages.BetaMessageParam;
import com.anthropic.models.beta.messages.BetaTextBlockParam;
import com.anthropic.models.beta.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentSettings;
import java.util.List;

/**
 * Builds each turn's request. The conversation is kept as the API's own JSON (so it is saved, pruned and
 * inspected as-is) and turned into the SDK's typed messages here, which also checks its shape.
 */
public final class RequestFactory {

    public static final String BETA_INTERLEAVED_THINKING = "interleaved-thinking-2025-05-14";

    private final AgentSettings settings;
    private final ToolDeclarations tools;
    private final String systemPrompt;
    private final ObjectMapper sdkMapper = ObjectMappers.jsonMapper();

    public RequestFactory(AgentSettings settings, ToolDeclarations tools, String systemPrompt) {
        this.settings = settings;
        this.tools = tools;
        this.systemPrompt = systemPrompt;
    }

    public MessageCreateParams build(List<ObjectNode> conversation) {
        MessageCreateParams.Builder request = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(settings.maxTokens())
                .systemOfBetaTextBlockParams(List.of(BetaTextBlockParam.builder().text(systemPrompt)
                        .cacheControl(BetaCacheControlEphemeral.builder().build()).build()));
        for (ObjectNode message : CacheBreakpoints.mark(conversation, CacheBreakpoints.MESSAGE_BREAKPOINTS)) {
            request.addMessage(sdkMapper.convertValue(message, BetaMessageParam.class));
        }
        tools.tools(true).forEach(request::addTool);
        tools.betas().forEach(request::addBeta);
        if (settings.thinkingEnabled()) {
            request.enabledThinking(settings.thinkingBudget());
            // Without this header Claude 4 models think only at the start of a turn, not between tool calls.
            if (!ModelVersion.of(settings.model()).isClaude3()) request.addBeta(BETA_INTERLEAVED_THINKING);
        }
        return request.build();
    }
}
