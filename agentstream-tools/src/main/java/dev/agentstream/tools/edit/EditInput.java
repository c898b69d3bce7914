package dev.agentstream.tools.edit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The text editor's input (Anthropic {@code text_editor_20250728}, plus {@code undo_edit} from
 * {@code text_editor_20250124}), checked up front so a bad call changes nothing. Each command gets only
 * what it needs; a missing or ill-typed parameter is an error that names the fix.
 */
record EditInput(Command command, String path, Optional<ViewRange> viewRange, OptionalInt maxCharacters,
                 String fileText, String oldStr, String newStr, int insertLine, String insertText) {

    enum Command {
        VIEW, CREATE, STR_REPLACE, INSERT, UNDO_EDIT;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String allNames() {
            return Arrays.stream(values()).map(Command::wireName).collect(Collectors.joining(", "));
        }
    }

    /** 1-based inclusive lines; {@code end == -1} means to the end of the file. */
    record ViewRange(long start, long end) {
        boolean toEnd() {
            return end == -1;
        }

        boolean contains(long line) {
            return line >= start && (toEnd() || line <= end);
        }

        @Override
        public String toString() {
            return "[" + start + ", " + end + "]";
        }
    }

    static EditInput parse(JsonNode input) {
        Command command = command(input);
        String path = requiredText(input, "path", "the absolute path of the file or directory");
        Optional<ViewRange> range = Optional.empty();
        OptionalInt maxCharacters = OptionalInt.empty();
        String fileText = null;
        String oldStr = null;
        String newStr = null;
        int insertLine = -1;
        String insertText = null;
        switch (command) {
            case VIEW -> {
                range = viewRange(input);
                maxCharacters = positiveInt(input, "max_characters");
            }
            case CREATE -> fileText = requiredText(input, "file_text", "the content of the new file (it may be \"\")");
            case STR_REPLACE -> {
                oldStr = requiredText(input, "old_str", "the exact text to replace");
                if (oldStr.isEmpty()) {
                    throw new ToolInputException("'old_str' is empty; give the exact text to replace, including enough lines to occur once in the file.");
                }
                newStr = optionalText(input, "new_str").orElse("");
            }
            case INSERT -> {
                insertLine = insertLine(input);
                insertText = optionalText(input, "insert_text").or(() -> optionalText(input, "new_str"))
                        .orElseThrow(() -> new ToolInputException("'insert_text' is missing; give the text to insert after line " + input.path("insert_line").asText() + "."));
            }
            case UNDO_EDIT -> { }
        }
        return new EditInput(command, path, range, maxCharacters, fileText, oldStr, newStr, insertLine, insertText);
    }

    private static Command command(JsonNode input) {
        JsonNode node = input.get("command");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'command' is missing; use one of: " + Command.allNames() + ".");
        }
        String name = node.asText();
        for (Command c : Command.values()) {
            if (c.wireName().equals(name)) return c;
        }
        throw new ToolInputException("'command' must be one of " + Command.allNames() + ", not '" + name + "'.");
    }

    private static Optional<ViewRange> viewRange(JsonNode input) {
        JsonNode node = input.get("view_range");
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isArray() || node.size() != 2 || !node.get(0).canConvertToLong() || !node.get(1).canConvertToLong()
                || !node.get(0).isIntegralNumber() || !node.get(1).isIntegralNumber()) {
            throw new ToolInputException("'view_range' must be two whole numbers [start, end], e.g. [1, 50], or [start, -1] to read to the end.");
        }
        long start = node.get(0).asLong();
        long end = node.get(1).asLong();
        if (start < 1) {
            throw new ToolInputException("'view_range' starts at " + start + ", but lines are numbered from 1; use e.g. [1, " + Math.max(end, 50) + "].");
        }
        if (end != -1 && end < start) {
            throw new ToolInputException("'view_range' [" + start + ", " + end + "] ends before it starts; give an end of at least " + start + ", or -1 for the rest of the file.");
        }
        return Optional.of(new ViewRange(start, end));
    }

    private static int insertLine(JsonNode input) {
        JsonNode node = input.get("insert_line");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'insert_line' is missing; give the line number to insert after (0 inserts before the first line).");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw new ToolInputException("'insert_line' must be a whole number of 0 or more (0 inserts before the first line), not " + node + ".");
        }
        return node.asInt();
    }

    private static OptionalInt positiveInt(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return OptionalInt.empty();
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new ToolInputException("'" + field + "' must be a positive whole number of characters, not " + node + ".");
        }
        return OptionalInt.of(node.asInt());
    }

    private static String requiredText(JsonNode input, String field, String what) {
        return optionalText(input, field).orElseThrow(() -> new ToolInputException("'" + field + "' is missing; give " + what + "."));
    }

    private static Optional<String> optionalText(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isTextual()) {
            throw new ToolInputException("'" + field + "' must be a string, not " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return Optional.of(node.asText());
    }
}
