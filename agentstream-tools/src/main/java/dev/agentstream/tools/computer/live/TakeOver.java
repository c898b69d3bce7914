package dev.agentstream.tools.computer.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentstream.core.ToolInputException;
import dev.agentstream.tools.computer.DisplayAccess;
import dev.agentstream.tools.computer.PersonInput;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * A person acting on the live desktop (taking over from the agent): clicks, pointer moves, drags, the wheel,
 * key combinations and typed text, in screen pixels, applied through the computer tool's own input path
 * ({@link PersonInput}). Each applied action is described in one line for the model, in the computer tool's
 * words and the model's screenshot pixels ({@code "Left-clicked at (640, 400)."}; typed text is quoted:
 * {@code "Typed 5 characters: \"hello\"."}), so the agent can be told what the person did. Bad input is
 * refused with a one-sentence error and changes nothing; nothing here throws for it.
 *
 * <p>Pausing the agent is the caller's job: an action waits up to {@link #DEFAULT_WAIT} for an agent's
 * computer action in progress, then is refused. Closing lets go of a left button the person left held.
 */
public final class TakeOver implements AutoCloseable {

    /** How long an action waits for the agent's computer action in progress to end. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(3);
    /** The most typed text quoted in the description; longer text is cut with an ellipsis. */
    static final int QUOTED_CHARS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A mouse button as the page names it. */
    public enum Button {
        LEFT("left_click"), MIDDLE("middle_click"), RIGHT("right_click");

        private final String action;

        Button(String action) {
            this.action = action;
        }
    }

    /**
     * What became of one action.
     *
     * @param isError true when nothing was done
     * @param text    the one line describing what was done, or a one-sentence error saying what to do
     */
    public record Result(boolean isError, String text) {}

    private final PersonInput input;
    private final Duration wait;

    public TakeOver(DisplayAccess display) {
        this(display, DEFAULT_WAIT);
    }

    public TakeOver(DisplayAccess display, Duration wait) {
        this.input = display.personInput();
        this.wait = wait;
    }

    /**
     * Applies one action in the computer tool's input format with screen-pixel coordinates, for example
     * {@code {"action":"left_click","coordinate":[640,400]}}, {@code {"action":"type","text":"hi"}},
     * {@code {"action":"key","text":"ctrl+s"}} or {@code {"action":"scroll","coordinate":[640,400],
     * "scroll_direction":"down","scroll_amount":3}}; the actions are {@link PersonInput#ACTIONS}.
     */
    public Result apply(JsonNode action) {
        if (action == null || !action.isObject()) return new Result(true, "The action must be a JSON object such as {\"action\":\"left_click\",\"coordinate\":[640,400]}.");
        try {
            String done = input.apply(action, wait);
            return new Result(false, "type".equals(action.path("action").asText()) ? withQuotedText(done, action.path("text").asText()) : done);
        } catch (ToolInputException | TimeoutException e) {
            return new Result(true, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(true, "The action was interrupted before it was applied; try again.");
        }
    }

    /** Clicks {@code count} times (1 to 3; 2 and 3 with the left button only) at {@code x}, {@code y}. */
    public Result click(Button button, int count, int x, int y) {
        String action = switch (count) {
            case 1 -> button.action;
            case 2, 3 -> button == Button.LEFT ? (count == 2 ? "double_click" : "triple_click") : null;
            default -> null;
        };
        if (action == null) {
            return new Result(true, "A " + button.name().toLowerCase(Locale.ROOT) + " click is 1" + (button == Button.LEFT ? " to 3 clicks" : " click")
                    + ", not " + count + ".");
        }
        return apply(action(action).set("coordinate", point(x, y)));
    }

    /** Moves the pointer to {@code x}, {@code y}. */
    public Result move(int x, int y) {
        return apply(action("mouse_move").set("coordinate", point(x, y)));
    }

    /** Drags with the left button from one point to another. */
    public Result drag(int fromX, int fromY, int toX, int toY) {
        return apply(action("left_click_drag").<ObjectNode>set("start_coordinate", point(fromX, fromY)).set("coordinate", point(toX, toY)));
    }

    /** Turns the wheel {@code clicks} times in {@code direction} (up, down, left or right) at {@code x}, {@code y}. */
    public Result scroll(int x, int y, String direction, int clicks) {
        return apply(action("scroll").<ObjectNode>set("coordinate", point(x, y)).put("scroll_direction", direction).put("scroll_amount", clicks));
    }

    /** Presses a key combination in xdotool's syntax ({@code ctrl+s}, {@code Return}); several separated by spaces. */
    public Result key(String combo) {
        return apply(action("key").put("text", combo));
    }

    /** Types text (any Unicode) where the keyboard focus is. */
    public Result type(String text) {
        return apply(action("type").put("text", text));
    }

    @Override
    public void close() {
        input.close();
    }

    private static ObjectNode action(String name) {
        return JSON.createObjectNode().put("action", name);
    }

    private static JsonNode point(int x, int y) {
        return JSON.valueToTree(List.of(x, y));
    }

    /** "Typed 5 characters." becomes "Typed 5 characters: "hello"." */
    static String withQuotedText(String done, String text) {
        String shown = text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "…";
        String quoted;
        try {
            quoted = JSON.writeValueAsString(shown);
        } catch (JsonProcessingException e) {
            quoted = "\"" + shown + "\"";
        }
        String stem = done.endsWith(".") ? done.substring(0, done.length() - 1) : done;
        return stem + ": " + quoted + ".";
    }
}
