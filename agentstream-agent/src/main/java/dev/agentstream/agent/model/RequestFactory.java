package dev.agentstream.agent.model;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.beta.messages.BetaCacheControlEphemeral;
import com.anthropic.models.beta.messages.BetaClearToolUses20250919Edit;
import com.anthropic.models.beta.messages.BetaContextManagementConfig;
import com.anthropic.models.beta.messages.BetaMessageParam;
import com.anthropic.models.beta.messages.BetaOutputConfig;
import com.anthropic.models.beta.messages.BetaTextBlockParam;
import com.anthropic.models.beta.messages.BetaThinkingConfigAdaptive;
import com.anthropic.models.beta.messages.BetaThinkingConfigEnabled;
import com.anthropic.models.beta.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.agent.AgentSettings;
import dev.agentstream.agent.conversation.Alternation;
import dev.agentstream.agent.conversation.ToolResultClearer;
import java.util.List;

/**
 * Builds each turn's request. The conversation is kept as the API's own JSON (so it is saved, pruned and
 * inspected as-is) and turned into the SDK's typed messages here, which also checks its shape. How thinking
 * and effort are asked for comes from the model's row in the model table.
 */
public final class RequestFactory {

    public static final String BETA_INTERLEAVED_THINKING = "interleaved-thinking-2025-05-14";
    public static final String BETA_CONTEXT_MANAGEMENT = "context-management-2025-06-27";
    /** The newest tool calls the API's clearing leaves whole (its own default). */
    static final long SERVER_CLEARING_KEEPS_TOOL_USES = 3;

    private final AgentSettings settings;
    private final ModelProfile model;
    private final ToolDeclarations tools;
    private final String systemPrompt;
    private final ObjectMapper sdkMapper = ObjectMappers.jsonMapper();

    public RequestFactory(AgentSettings settings, ModelProfile model, ToolDeclarations tools, String systemPrompt) {
        this.settings = settings;
        this.model = model;
        this.tools = tools;
        this.systemPrompt = systemPrompt;
    }

    /** Whether the effort the person asked for is sent to this model (it is left out where the model takes none). */
    public boolean sendsEffort() {
        return settings.effort().filter(model.effortLevels()::contains).isPresent();
    }

    public MessageCreateParams build(List<ObjectNode> conversation) {
        MessageCreateParams.Builder request = MessageCreateParams.builder()
                .model(settings.model())
                .maxTokens(settings.maxTokens())
                .systemOfBetaTextBlockParams(List.of(BetaTextBlockParam.builder().text(systemPrompt)
                        .cacheControl(BetaCacheControlEphemeral.builder().build()).build()));
        for (ObjectNode message : CacheBreakpoints.mark(Alternation.of(conversation), CacheBreakpoints.MESSAGE_BREAKPOINTS)) {
            request.addMessage(sdkMapper.convertValue(message, BetaMessageParam.class));
        }
        tools.tools(true).forEach(request::addTool);
        tools.betas().forEach(request::addBeta);
        // A model that thinks unasked, and would show none of it, is asked for what it does anyway with the thinking shown.
        boolean thinksUnseen = model.thinking() == ModelProfile.ThinkingMode.ADAPTIVE_DEFAULT_ON && model.hidesThinkingByDefault();
        if (model.thinking().adaptive() && (settings.thinkingEnabled() || thinksUnseen)) {
            // These models decide how much to think; a budget is refused (400) or deprecated on them.
            BetaThinkingConfigAdaptive.Builder adaptive = BetaThinkingConfigAdaptive.builder();
            if (model.hidesThinkingByDefault()) adaptive.display(BetaThinkingConfigAdaptive.Display.SUMMARIZED);
            request.thinking(adaptive.build());
        } else if (settings.thinkingEnabled()) {
            BetaThinkingConfigEnabled.Builder enabled = BetaThinkingConfigEnabled.builder().budgetTokens(settings.thinkingBudget());
            if (model.hidesThinkingByDefault()) enabled.display(BetaThinkingConfigEnabled.Display.SUMMARIZED);
            request.thinking(enabled.build());
            // Without this header Claude 4 models think only at the start of a turn, not between tool calls.
            if (model.interleavedThinkingBeta()) request.addBeta(BETA_INTERLEAVED_THINKING);
        }
        if (model.appendOnlyHistory()) {
            // The loop cannot clear old tool results itself without failing the next request (see the model table), so
            // near the context window the API clears them, server-side, once and then from the same point on.
            request.contextManagement(BetaContextManagementConfig.builder().addEdit(BetaClearToolUses20250919Edit.builder()
                    .inputTokensTrigger((long) (ToolResultClearer.THRESHOLD * model.contextWindow()))
                    .toolUsesKeep(SERVER_CLEARING_KEEPS_TOOL_USES)
                    .build()).build());
            request.addBeta(BETA_CONTEXT_MANAGEMENT);
        }
        if (sendsEffort()) {
            request.outputConfig(BetaOutputConfig.builder().effort(BetaOutputConfig.Effort.of(settings.effort().get())).build());
        }
        return request.build();
    }
}
