package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses tool input whose strings hold an unpaired UTF-16 surrogate: JSON escapes such as
 * {@code "\ud800"} parse into one, but no file, path, command or keyboard can carry it, and encoders
 * either fail deep inside a tool or silently write '?' instead.
 */
final class InputText {

    private InputText() {}

    static void requireWellFormed(JsonNode input) {
        check(input, "input");
    }

    private static void check(JsonNode node, String where) {
        if (node == null) return;
        if (node.isTextual()) {
            int at = unpairedSurrogate(node.textValue());
            if (at >= 0) {
                throw new ToolInputException(String.format("'%s' holds an unpaired UTF-16 surrogate (U+%04X at character %d), "
                        + "which is not valid Unicode; send the text as valid UTF-8 without lone \\ud800-\\udfff escapes.",
                        where, (int) node.textValue().charAt(at), at));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (unpairedSurrogate(field.getKey()) >= 0) {
                    throw new ToolInputException("A field name of the input holds an unpaired UTF-16 surrogate; send valid Unicode field names.");
                }
                check(field.getValue(), field.getKey());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) check(item, where);
        }
    }

    /** The index of the first surrogate without its partner, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
