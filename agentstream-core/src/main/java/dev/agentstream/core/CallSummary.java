package dev.agentstream.core;

import com.fasterxml.jackson.databind.JsonNode;

/** What a call was asked to do, in one line for a header: the command, the path, the action. */
@FunctionalInterface
public interface CallSummary {

    /** The summary of a call with this input; empty when the tool's name says it all. */
    String of(JsonNode input);

    /** The input as compact JSON: for tools that say nothing better about their calls. */
    static CallSummary rawInput() {
        return input -> input == null || input.isEmpty() ? "" : input.toString();
    }

    /** The first line of a text, with how many lines follow. */
    static String firstLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length > 1 ? lines[0] + "  (+" + (lines.length - 1) + " more lines)" : lines[0];
    }

    /** The non-blank parts, joined by spaces. */
    static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isBlank()) continue;
            if (!joined.isEmpty()) joined.append(' ');
            joined.append(part);
        }
        return joined.toString();
    }
}
