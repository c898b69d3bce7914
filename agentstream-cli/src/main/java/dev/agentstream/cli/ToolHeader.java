package dev.agentstream.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The one line that introduces a tool call: the tool and what it was asked to do (the command, the path). */
public final class ToolHeader {

    private static final int WIDTH = 120;

    private ToolHeader() {}

    public static String describe(String tool, JsonNode input) {
        String detail = switch (tool) {
            case "bash" -> bash(input);
            case "str_replace_based_edit_tool", "str_replace_editor" -> join(input.path("command").asText(""), input.path("path").asText(""));
            case "computer" -> join(input.path("action").asText(""), coordinate(input), input.path("text").asText(""));
            case "find" -> join(input.path("pattern").asText(input.path("query").asText("")), input.path("path").asText(""));
            case "tree" -> input.path("path").asText("");
            default -> input.isEmpty() ? "" : input.toString();
        };
        return detail.isBlank() ? tool : tool + "  " + shorten(detail);
    }

    private static String bash(JsonNode input) {
        if (input.path("restart").asBoolean(false)) return "(restart the shell)";
        if (input.path("interrupt").asBoolean(false)) return "(interrupt)";
        if (input.has("stdin")) return "(type) " + input.path("stdin").asText().replace("\n", "\\n");
        String command = input.path("command").asText("");
        if (command.isEmpty()) return "(wait for more output)";
        String[] lines = command.strip().split("\n");
        return lines.length > 1 ? lines[0] + "  (+" + (lines.length - 1) + " more lines)" : lines[0];
    }

    private static String coordinate(JsonNode input) {
        JsonNode c = input.path("coordinate");
        return c.isArray() && c.size() == 2 ? "(" + c.get(0).asText() + ", " + c.get(1).asText() + ")" : "";
    }

    private static String join(String... parts) {
        StringBuilder s = new StringBuilder();
        for (String part : parts) {
            if (part.isBlank()) continue;
            if (!s.isEmpty()) s.append(' ');
            s.append(part);
        }
        return s.toString();
    }

    private static String shorten(String s) {
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
    }
}
