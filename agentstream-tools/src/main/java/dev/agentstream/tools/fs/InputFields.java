package dev.agentstream.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.core.ToolSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Reads typed fields of a tool's JSON input; a field of the wrong type is a one-sentence input error. */
public final class InputFields {

    private final JsonNode input;

    public InputFields(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new ToolInputException("The input must be a JSON object with the tool's fields, e.g. {\"path\": \"/abs/dir\"}.");
        }
        this.input = input;
    }

    /**
     * The input of the tool {@code spec} describes. A field its schema does not have is refused: ignoring a misspelt
     * or invented option ({@code ignore_case} for {@code case_sensitive}) would run another call than the one asked for.
     */
    public InputFields(JsonNode input, ToolSpec spec) {
        this(input);
        JsonNode properties = spec.inputSchema().path("properties");
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!properties.has(name)) {
                List<String> known = new ArrayList<>();
                properties.fieldNames().forEachRemaining(known::add);
                throw new ToolInputException(spec.name() + " has no field '" + name + "'; use only " + String.join(", ", known) + ".");
            }
        }
    }

    public Optional<String> text(String field) {
        JsonNode node = present(field);
        if (node == null) return Optional.empty();
        if (!node.isTextual()) throw new ToolInputException("'" + field + "' must be a string.");
        return Optional.of(node.asText());
    }

    public String requiredText(String field, String example) {
        return text(field).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new ToolInputException("'" + field + "' is missing; give it, for example \"" + field + "\": " + example + "."));
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode node = present(field);
        if (node == null) return fallback;
        if (!node.isBoolean()) throw new ToolInputException("'" + field + "' must be true or false.");
        return node.asBoolean();
    }

    /** An integer within [min, max], or the fallback when absent. */
    public int integer(String field, int fallback, int min, int max) {
        JsonNode node = present(field);
        if (node == null) return fallback;
        if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
            throw new ToolInputException("'" + field + "' must be a whole number between " + min + " and " + max + ".");
        }
        long value = node.asLong();
        if (value < min || value > max) {
            throw new ToolInputException("'" + field + "' must be between " + min + " and " + max + ", got " + value + ".");
        }
        return (int) value;
    }

    /** A string or an array of strings, as a list (empty when absent). */
    public List<String> textList(String field) {
        JsonNode node = present(field);
        List<String> values = new ArrayList<>();
        if (node == null) return values;
        if (node.isTextual()) {
            values.add(node.asText());
            return values;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) throw new ToolInputException("'" + field + "' must be a string or an array of strings.");
                values.add(item.asText());
            }
            return values;
        }
        throw new ToolInputException("'" + field + "' must be a string or an array of strings.");
    }

    private JsonNode present(String field) {
        JsonNode node = input.get(field);
        return node == null || node.isNull() ? null : node;
    }
}
