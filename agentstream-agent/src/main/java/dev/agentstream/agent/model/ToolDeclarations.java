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
 * takes, with the beta header it needs; the model is trained on those and their schemas cost no tokens.
 * Every other tool is a custom tool with its name, description and JSON schema.
 */
public final class ToolDeclarations {

    public static final String EDITOR_NAME = "str_replace_based_edit_tool";
    /** What Claude 3.x models call the text editor. */
    public static final String LEGACY_EDITOR_NAME = "str_replace_editor";
    public static final String BETA_COMPUTER_2025_01_24 = "computer-use-2025-01-24";
    public static final String BETA_COMPUTER_2025_11_24 = "computer-use-2025-11-24";

    /** One tool as declared: the name the model uses, the registry tool it stands for, its wire type. */
    public record Declaration(String declaredName, String registryName, String type,
                              Function<Optional<BetaCacheControlEphemeral>, BetaToolUnion> build) {}

    private final List<Declaration> declarations;
    private final Set<String> betas;
    private final Map<String, String> registryNames = new LinkedHashMap<>();

    private ToolDeclarations(List<Declaration> declarations, Set<String> betas) {
        this.declarations = List.copyOf(declarations);
        this.betas = Set.copyOf(betas);
        declarations.forEach(d -> registryNames.put(d.declaredName(), d.registryName()));
    }

    public static ToolDeclarations of(Collection<ToolSpec> specs, String model, int displayWidth, int displayHeight) {
        ModelVersion version = ModelVersion.of(model);
        List<Declaration> declarations = new ArrayList<>();
        Set<String> betas = new LinkedHashSet<>();
        for (ToolSpec spec : specs) {
            Optional<Declaration> builtin = spec.anthropicType().flatMap(type -> builtin(spec, type, version, displayWidth, displayHeight, betas));
            declarations.add(builtin.orElseGet(() -> custom(spec)));
        }
        return new ToolDeclarations(declarations, betas);
    }

    private static Optional<Declaration> builtin(ToolSpec spec, String type, ModelVersion version, int width, int height, Set<String> betas) {
        String name = spec.name();
        if (type.startsWith("bash_") && name.equals("bash")) {
            return Optional.of(new Declaration(name, name, "bash_20250124",
                    cache -> BetaToolUnion.ofBash20250124(withCache(BetaToolBash20250124.builder(), cache, BetaToolBash20250124.Builder::cacheControl).build())));
        }
        if (type.startsWith("text_editor_") && name.equals(EDITOR_NAME)) {
            if (version.isClaude3()) {
                return Optional.of(new Declaration(LEGACY_EDITOR_NAME, name, "text_editor_20250124",
                        cache -> BetaToolUnion.ofTextEditor20250124(withCache(BetaToolTextEditor20250124.builder(), cache, BetaToolTextEditor20250124.Builder::cacheControl).build())));
            }
            return Optional.of(new Declaration(name, name, "text_editor_20250728",
                    cache -> BetaToolUnion.ofTextEditor20250728(withCache(BetaToolTextEditor20250728.builder(), cache, BetaToolTextEditor20250728.Builder::cacheControl).build())));
        }
        if (type.startsWith("computer_") && name.equals("computer")) {
            if (version.usesComputer20251124()) {
                betas.add(BETA_COMPUTER_2025_11_24);
                return Optional.of(new Declaration(name, name, "computer_20251124",
                        cache -> BetaToolUnion.ofComputerUse20251124(withCache(BetaToolComputerUse20251124.builder()
                                .displayWidthPx(width).displayHeightPx(height), cache, BetaToolComputerUse20251124.Builder::cacheControl).build())));
            }
            betas.add(BETA_COMPUTER_2025_01_24);
            return Optional.of(new Declaration(name, name, "computer_20250124",
                    cache -> BetaToolUnion.ofComputerUse20250124(withCache(BetaToolComputerUse20250124.builder()
                            .displayWidthPx(width).displayHeightPx(height), cache, BetaToolComputerUse20250124.Builder::cacheControl).build())));
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

    /** The registry tool behind a name the model used (they differ only for the Claude 3 editor). */
    public String registryName(String declaredName) {
        return registryNames.getOrDefault(declaredName, declaredName);
    }
}
