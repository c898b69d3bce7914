package dev.agentstream.agent.model;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.beta.messages.BetaCacheControlEphemeral;
import com.anthropic.models.beta.messages.BetaTool;
import com.anthropic.models.beta.messages.BetaToolBash20250124;
import com.anthropic.models.beta.messages.BetaToolComputerUse20250124;
import com.anthropic.models.beta.messages.BetaToolComputerUse20251124;
import com.anthropic.models.beta.messages.BetaToolTextEditor20250124;
import com.anthropic.models.beta.messages.BetaToolTextEditor20250728;
import com.anthropic.models.beta.messages.BetaToolUnion;
import dev.agentstream.core.ToolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the registry's tools are offered to the model. A tool whose spec names an Anthropic built-in type
 * (bash, the text editor, computer use) is declared as that built-in, in the version the chosen model
 * takes (its row in the model table, {@link ModelCatalog}), with the beta header it needs; the model is
 * trained on those and their schemas cost no tokens. Every other tool, and a built-in whose version for this
 * model agentstream cannot declare, is a custom tool with its name, description and JSON schema.
 */
public final class ToolDeclarations {

    public static final String EDITOR_NAME = "str_replace_based_edit_tool";
    /** Keys a toolset's entry among the declared names, which the model never uses for a toolset itself. */
    private static final String TOOLSET_PREFIX = "toolset:";

    /** One tool as declared: the name the model uses, the registry tool it stands for, its wire type. */
    public record Declaration(String declaredName, String registryName, String type,
                              Function<Optional<BetaCacheControlEphemeral>, BetaToolUnion> build) {}

    private final List<Declaration> declarations;
    private final Set<String> betas;
    private final Map<String, String> registryNames = new LinkedHashMap<>();
    /** Registry tools that act on the screen (an Anthropic computer type), whatever they are declared as. */
    private final Set<String> computerTools;

    private ToolDeclarations(List<Declaration> declarations, Set<String> betas, Set<String> computerTools) {
        this.declarations = List.copyOf(declarations);
        this.betas = Set.copyOf(betas);
        this.computerTools = Set.copyOf(computerTools);
        declarations.forEach(d -> registryNames.put(d.declaredName(), d.registryName()));
    }

    public static ToolDeclarations of(Collection<ToolSpec> specs, ModelProfile model, int displayWidth, int displayHeight) {
        List<Declaration> declarations = new ArrayList<>();
        Set<String> betas = new LinkedHashSet<>();
        Set<String> computerTools = new LinkedHashSet<>();
        for (ToolSpec spec : specs) {
            Optional<Declaration> builtin = spec.anthropicType().flatMap(type -> builtin(spec, type, model, displayWidth, displayHeight, betas));
            declarations.add(builtin.orElseGet(() -> custom(spec)));
            if (spec.anthropicType().filter(type -> type.startsWith("computer_")).isPresent()) computerTools.add(spec.name());
        }
        return new ToolDeclarations(declarations, betas, computerTools);
    }

    /**
     * The built-in declaration the model's table row names for this tool; empty (a custom tool) when the row
     * names a version this SDK has no class for, or {@code custom}.
     */
    private static Optional<Declaration> builtin(ToolSpec spec, String type, ModelProfile model, int width, int height, Set<String> betas) {
        String name = spec.name();
        if (type.startsWith("bash_") && name.equals("bash")) {
            return switch (model.bashTool()) {
                case "bash_20250124" -> Optional.of(new Declaration(name, name, "bash_20250124",
                        cache -> BetaToolUnion.ofBash20250124(withCache(BetaToolBash20250124.builder(), cache, BetaToolBash20250124.Builder::cacheControl).build())));
                default -> Optional.empty();
            };
        }
        if (type.startsWith("text_editor_") && name.equals(EDITOR_NAME)) {
            String declared = model.editorName();
            return switch (model.editorTool()) {
                case "text_editor_20250124" -> Optional.of(new Declaration(declared, name, "text_editor_20250124",
                        cache -> BetaToolUnion.ofTextEditor20250124(withCache(BetaToolTextEditor20250124.builder(), cache, BetaToolTextEditor20250124.Builder::cacheControl).build())));
                case "text_editor_20250728" -> Optional.of(new Declaration(declared, name, "text_editor_20250728",
                        cache -> BetaToolUnion.ofTextEditor20250728(withCache(BetaToolTextEditor20250728.builder(), cache, BetaToolTextEditor20250728.Builder::cacheControl).build())));
                default -> Optional.empty();
            };
        }
        if (type.startsWith("computer_") && name.equals("computer")) {
            Optional<Declaration> computer = switch (model.computerTool()) {
                // No name of its own: the model calls its members (left_click, screenshot...) with toolset_name "computer".
                case ComputerToolset.TYPE -> Optional.of(new Declaration(TOOLSET_PREFIX + ComputerToolset.NAME, name, ComputerToolset.TYPE,
                        cache -> ComputerToolset.declaration(spec.inputSchema(), cache)));
                case "computer_20251124" -> Optional.of(new Declaration(name, name, "computer_20251124",
                        cache -> BetaToolUnion.ofComputerUse20251124(withCache(BetaToolComputerUse20251124.builder()
                                .displayWidthPx(width).displayHeightPx(height), cache, BetaToolComputerUse20251124.Builder::cacheControl).build())));
                case "computer_20250124" -> Optional.of(new Declaration(name, name, "computer_20250124",
                        cache -> BetaToolUnion.ofComputerUse20250124(withCache(BetaToolComputerUse20250124.builder()
                                .displayWidthPx(width).displayHeightPx(height), cache, BetaToolComputerUse20250124.Builder::cacheControl).build())));
                default -> Optional.empty();
            };
            computer.ifPresent(c -> model.computerBeta().ifPresent(betas::add));
            return computer;
        }
        return Optional.empty();
    }

    private static Declaration custom(ToolSpec spec) {
        BetaTool.InputSchema schema = ObjectMappers.jsonMapper().convertValue(spec.inputSchema(), BetaTool.InputSchema.class);
        return new Declaration(spec.name(), spec.name(), "custom",
                cache -> BetaToolUnion.ofBetaTool(withCache(BetaTool.builder().name(spec.name()).description(spec.description())
                        .inputSchema(schema), cache, BetaTool.Builder::cacheControl).build()));
    }

    /** Sets the breakpoint only when there is one: an empty Optional would be sent as "cache_control": null. */
    private static <B> B withCache(B builder, Optional<BetaCacheControlEphemeral> cache,
                                   java.util.function.BiFunction<B, BetaCacheControlEphemeral, B> set) {
        return cache.map(c -> set.apply(builder, c)).orElse(builder);
    }

    /** The tools for a request; the last one carries a cache breakpoint so the whole tool list is cached. */
    public List<BetaToolUnion> tools(boolean cacheBreakpointOnLast) {
        List<BetaToolUnion> tools = new ArrayList<>(declarations.size());
        for (int i = 0; i < declarations.size(); i++) {
            boolean last = i == declarations.size() - 1;
            tools.add(declarations.get(i).build().apply(last && cacheBreakpointOnLast
                    ? Optional.of(BetaCacheControlEphemeral.builder().build()) : Optional.empty()));
        }
        return tools;
    }

    public List<Declaration> declarations() {
        return declarations;
    }

    /** Beta headers the declared tools need with this model. */
    public Set<String> betas() {
        return betas;
    }

    /**
     * The registry call a tool_use block stands for: a toolset member goes to the tool declared for its toolset, with
     * its input in that tool's form; any other block to the tool its name was declared for.
     */
    public RoutedCall route(ToolUseBlock use) {
        if (use.toolset().isEmpty()) {
            String registryName = registryName(use.name());
            return new RoutedCall(registryName, use.input(), use.inputError(), computerTools.contains(registryName));
        }
        String toolset = use.toolset().get();
        String registryName = registryNames.get(TOOLSET_PREFIX + toolset);
        if (registryName == null || !toolset.equals(ComputerToolset.NAME)) {
            return new RoutedCall(use.name(), use.input(), Optional.of("No toolset named '" + toolset + "' was declared in this session; "
                    + "use the tools it offers."), false);
        }
        if (use.inputError().isPresent()) return new RoutedCall(registryName, use.input(), use.inputError(), true);
        ComputerToolset.MemberInput input = ComputerToolset.input(use.name(), use.input());
        return new RoutedCall(registryName, input.input(), input.error(), true);
    }

    /**
     * A call as the registry runs it; {@code error} says why it cannot run (it is then answered with that error);
     * {@code computerAction} whether it acts on the screen (a computer tool call or a computer toolset member).
     */
    public record RoutedCall(String registryName, com.fasterxml.jackson.databind.JsonNode input, Optional<String> error,
                             boolean computerAction) {}

    /** The registry tool behind a name the model used (they differ only for the Claude 3 editor). */
    public String registryName(String declaredName) {
        return registryNames.getOrDefault(declaredName, declaredName);
    }
}
