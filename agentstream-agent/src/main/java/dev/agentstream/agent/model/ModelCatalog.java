package dev.agentstream.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.agent.ModelProblem;
import dev.agentstream.core.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The model table, read from {@code models.json} beside this class: which tool versions, beta headers,
 * thinking shape, context window and prices each Claude model takes. Model IDs keep changing, so they live
 * in data with the documentation page each row came from, not in name-parsing rules.
 */
public final class ModelCatalog {

    private static final String RESOURCE = "models.json";
    private static final ModelCatalog BUILT_IN = load();

    private final String defaultModel;
    private final List<ModelProfile> rows;

    /** How a model name was looked up: its row, and whether that row is only the newest one standing in for it. */
    public record Lookup(String model, ModelProfile profile, boolean known) {

        /** A one-sentence notice for the person when the row only stands in for the model; empty otherwise. */
        public Optional<String> notice() {
            if (known) return Optional.empty();
            return Optional.of("agentstream's model table does not know " + model + "; it uses the tool versions, thinking shape and prices of "
                    + profile.id() + ", the newest model it knows.");
        }

        /** The table's word that the model was retired, which a front door words with its own controls; empty otherwise. */
        public Optional<ModelProblem.Retired> retired() {
            return known && profile.status() == ModelProfile.Status.RETIRED
                    ? Optional.of(new ModelProblem.Retired(model, profile.retiredOn())) : Optional.empty();
        }
    }

    ModelCatalog(String defaultModel, List<ModelProfile> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException("the model table has no rows");
        this.defaultModel = defaultModel;
        this.rows = List.copyOf(rows);
    }

    /** The table shipped with agentstream. */
    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    /** The model a run uses when none is given: the current recommended Sonnet-class model. */
    public String defaultModel() {
        return defaultModel;
    }

    public List<ModelProfile> rows() {
        return rows;
    }

    /** The newest row that is not retired (rows are kept newest first). */
    public ModelProfile newest() {
        return rows.stream().filter(r -> r.status() != ModelProfile.Status.RETIRED).findFirst().orElse(rows.get(0));
    }

    /** The row for {@code model}: the longest id it starts with, else the newest row (and {@code known} false). */
    public Lookup lookup(String model) {
        return find(model).map(row -> new Lookup(model, row, true)).orElseGet(() -> new Lookup(model, newest(), false));
    }

    public Optional<ModelProfile> find(String model) {
        return rows.stream().filter(r -> r.matches(model)).max(Comparator.comparingInt(r -> r.id().length()));
    }

    private static ModelCatalog load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the agentstream-agent jar");
            return parse(EventJson.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the model table " + RESOURCE, e);
        }
    }

    static ModelCatalog parse(JsonNode table) {
        List<ModelProfile> rows = new ArrayList<>();
        for (JsonNode row : table.path("models")) rows.add(row(row));
        return new ModelCatalog(table.path("default_model").asText(), rows);
    }

    private static ModelProfile row(JsonNode row) {
        JsonNode computer = row.path("computer");
        JsonNode price = row.path("price");
        List<String> efforts = new ArrayList<>();
        row.path("effort_levels").forEach(e -> efforts.add(e.asText()));
        List<String> sources = new ArrayList<>();
        row.path("sources").forEach(s -> sources.add(s.asText()));
        ModelProfile.ThinkingMode thinking = ModelProfile.ThinkingMode.valueOf(row.path("thinking").asText("budgeted").toUpperCase(Locale.ROOT));
        return new ModelProfile(
                row.path("id").asText(),
                row.path("display_name").asText(row.path("id").asText()),
                ModelProfile.Status.valueOf(row.path("status").asText("active").toUpperCase(Locale.ROOT)),
                text(row, "retired_on"),
                computer.path("tool").asText(ModelProfile.CUSTOM),
                text(computer, "beta"),
                row.path("editor").asText(),
                row.path("editor_name").asText(ToolDeclarations.EDITOR_NAME),
                row.path("bash").asText(),
                thinking,
                thinking == ModelProfile.ThinkingMode.BUDGETED && row.path("interleaved_thinking").asBoolean(true),
                efforts,
                row.path("context_window").asLong(),
                row.path("max_output").asLong(),
                new ModelProfile.Prices(price.path("input").asDouble(), price.path("output").asDouble(),
                        price.path("cache_write").asDouble(), price.path("cache_read").asDouble()),
                sources,
                row.path("append_only_history").asBoolean(false),
                row.path("thinking_display_default").asText(ModelProfile.DISPLAY_SUMMARIZED));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
