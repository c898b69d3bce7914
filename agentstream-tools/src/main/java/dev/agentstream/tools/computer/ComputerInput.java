package dev.agentstream.tools.computer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentstream.core.ToolInputException;
import java.awt.Point;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The computer tool's input, checked for the action before anything touches the screen: {@code action},
 * {@code coordinate} and {@code start_coordinate} ([x, y] in screenshot pixels), {@code text},
 * {@code scroll_direction}, {@code scroll_amount}, {@code duration} (seconds), {@code region}
 * ([x0, y0, x1, y1]), the modifier keys held during a click or scroll ({@code text}, as the API
 * documents it, or {@code key}, as computer-use-demo reads it) and {@code settle} (seconds the screenshot
 * may wait for the screen to stop changing).
 */
record ComputerInput(ComputerAction action, Optional<Point> coordinate, Optional<Point> startCoordinate,
                     Optional<String> text, List<KeyCombo> keys, Optional<KeyCombo> modifiers,
                     Optional<ScrollDirection> scrollDirection, int scrollAmount, Optional<Duration> duration,
                     Optional<ComputerInput.Region> region, Optional<Duration> settle) {

    /** A zoom region's corners in screenshot pixels; x1 and y1 are exclusive. */
    record Region(int x0, int y0, int x1, int y1) {}

    static final double MAX_DURATION_SECONDS = 100;
    static final int MAX_SCROLL_AMOUNT = 100;
    /** The most one type action takes: typing is key event by key event, so far more would hold the call for minutes. */
    static final int MAX_TYPE_CHARS = 10_000;

    static ComputerInput parse(JsonNode input) {
        ComputerAction action = action(input);
        Optional<Point> coordinate = point(input, "coordinate");
        Optional<Point> start = point(input, "start_coordinate");
        Optional<String> text = string(input, "text");
        Optional<String> key = string(input, "key");
        List<KeyCombo> keys = List.of();
        Optional<KeyCombo> modifiers = Optional.empty();
        Optional<ScrollDirection> direction = Optional.empty();
        int amount = 0;
        Optional<Duration> duration = Optional.empty();
        Optional<Region> region = Optional.empty();
        switch (action) {
            case KEY -> {
                refuse(coordinate, action, "coordinate", "press keys without it; click first to focus a place");
                keys = KeyCombo.parseSequence(require(text, action, "text", "the key to press, such as Return or ctrl+s"));
            }
            case HOLD_KEY -> {
                refuse(coordinate, action, "coordinate", "hold keys without it");
                keys = List.of(KeyCombo.parse(require(text, action, "text", "the key to hold, such as shift").strip()));
                duration = Optional.of(duration(input, action));
            }
            case TYPE -> {
                refuse(coordinate, action, "coordinate", "click the field first, then type");
                String typed = require(text, action, "text", "the text to type");
                if (typed.isEmpty()) throw new ToolInputException("'text' is empty; give the text to type.");
                if (typed.length() > MAX_TYPE_CHARS) {
                    throw new ToolInputException("'text' is " + typed.length() + " characters, more than the " + MAX_TYPE_CHARS
                            + " one type action takes; type it in several calls, or write long text to a file with str_replace_based_edit_tool and open that.");
                }
                TextTyper.keysymsOf(typed);
            }
            case MOUSE_MOVE -> require(coordinate, action, "coordinate", "[x, y] to move the pointer to");
            case LEFT_CLICK_DRAG -> require(coordinate, action, "coordinate", "[x, y] where the drag ends (start_coordinate is where it starts)");
            case LEFT_CLICK, RIGHT_CLICK, MIDDLE_CLICK, DOUBLE_CLICK, TRIPLE_CLICK -> modifiers = modifiers(text, key);
            case SCROLL -> {
                modifiers = modifiers(text, key);
                String name = require(string(input, "scroll_direction"), action, "scroll_direction", "one of up, down, left, right");
                direction = Optional.of(ScrollDirection.parse(name).orElseThrow(() -> new ToolInputException(
                        "'scroll_direction' must be up, down, left or right, not '" + name + "'.")));
                amount = scrollAmount(input);
            }
            case WAIT -> duration = Optional.of(duration(input, action));
            case ZOOM -> region = Optional.of(region(input));
            case SCREENSHOT, CURSOR_POSITION, LEFT_MOUSE_DOWN, LEFT_MOUSE_UP -> {
                // nothing more to check: a coordinate, if given, moves the pointer first (mouse down/up)
            }
        }
        Optional<Duration> settle = settle(input, action);
        return new ComputerInput(action, coordinate, start, text, keys, modifiers, direction, amount, duration, region, settle);
    }

    private static ComputerAction action(JsonNode input) {
        JsonNode node = input.get("action");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'action' is missing; use one of: " + ComputerAction.allNames() + ".");
        }
        if (!node.isTextual()) throw new ToolInputException("'action' must be a string, one of: " + ComputerAction.allNames() + ".");
        return ComputerAction.parse(node.asText()).orElseThrow(() -> new ToolInputException(
                "Unknown action '" + node.asText() + "'; use one of: " + ComputerAction.allNames() + "."));
    }

    private static Optional<KeyCombo> modifiers(Optional<String> text, Optional<String> key) {
        if (text.isPresent() && key.isPresent() && !text.get().strip().equals(key.get().strip())) {
            throw new ToolInputException("'text' and 'key' both name modifier keys and differ; give the keys to hold in 'text' only.");
        }
        return text.or(() -> key).filter(s -> !s.isBlank()).map(s -> KeyCombo.parse(s.strip()));
    }

    private static Duration duration(JsonNode input, ComputerAction action) {
        JsonNode node = input.get("duration");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'duration' is required for " + action.wireName() + ": the number of seconds, for example 1.5.");
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > MAX_DURATION_SECONDS) {
            throw new ToolInputException("'duration' must be a number of seconds from 0 to " + (int) MAX_DURATION_SECONDS + ", got " + node + ".");
        }
        return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }

    private static Optional<Duration> settle(JsonNode input, ComputerAction action) {
        JsonNode node = input.get("settle");
        if (node == null || node.isNull()) return Optional.empty();
        if (action == ComputerAction.ZOOM || action == ComputerAction.CURSOR_POSITION) {
            throw new ToolInputException("'settle' is not accepted for " + action.wireName() + ", which takes no screenshot after waiting; leave it out.");
        }
        double max = ComputerConfig.MAX_SETTLE_LIMIT.toSeconds();
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > max) {
            throw new ToolInputException("'settle' must be a number of seconds from 0 to " + (int) max + ", got " + node + ".");
        }
        return Optional.of(Duration.ofMillis(Math.round(node.asDouble() * 1000)));
    }

    private static int scrollAmount(JsonNode input) {
        JsonNode node = input.get("scroll_amount");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'scroll_amount' is required for scroll: how many wheel clicks, for example 3.");
        }
        if (!node.canConvertToExactIntegral() || node.asInt() < 0 || node.asInt() > MAX_SCROLL_AMOUNT) {
            throw new ToolInputException("'scroll_amount' must be a whole number of wheel clicks from 0 to " + MAX_SCROLL_AMOUNT + ", got " + node + ".");
        }
        return node.asInt();
    }

    private static Region region(JsonNode input) {
        JsonNode node = input.get("region");
        if (node == null || node.isNull()) {
            throw new ToolInputException("'region' is required for zoom: [x0, y0, x1, y1], the top-left and bottom-right corners in screenshot pixels.");
        }
        int[] corners = integers(node, "region", 4, "[x0, y0, x1, y1]");
        return new Region(corners[0], corners[1], corners[2], corners[3]);
    }

    private static Optional<Point> point(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        int[] xy = integers(node, field, 2, "[x, y]");
        return Optional.of(new Point(xy[0], xy[1]));
    }

    private static int[] integers(JsonNode node, String field, int count, String shape) {
        if (!node.isArray() || node.size() != count) {
            throw new ToolInputException("'" + field + "' must be " + shape + ", " + count + " non-negative whole numbers; got " + node + ".");
        }
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber() || !value.canConvertToExactIntegral() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
                throw new ToolInputException("'" + field + "' must be " + shape + ", " + count + " non-negative whole numbers; got " + node + ".");
            }
            values[i] = value.asInt();
        }
        return values;
    }

    private static Optional<String> string(JsonNode input, String field) {
        JsonNode node = input.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isTextual()) throw new ToolInputException("'" + field + "' must be a string.");
        return Optional.of(node.asText());
    }

    private static <T> T require(Optional<T> value, ComputerAction action, String field, String what) {
        return value.orElseThrow(() -> new ToolInputException("'" + field + "' is required for " + action.wireName() + ": " + what + "."));
    }

    private static void refuse(Optional<?> value, ComputerAction action, String field, String instead) {
        if (value.isPresent()) {
            throw new ToolInputException("'" + field + "' is not accepted for " + action.wireName() + "; " + instead + ".");
        }
    }
}
