package dev.agentstream.tools.computer;

import java.awt.Point;
import java.util.Optional;

/**
 * One input action applied to the computer tool's display, as its input listeners are told of it (see
 * {@link DisplayAccess#onInput}): who did it, the computer tool's action name ({@code left_click},
 * {@code type}, {@code key}, {@code scroll}...), where the pointer was once it was done for actions that use
 * the pointer (screen pixels), the text typed ({@code type}) or the keys pressed ({@code key},
 * {@code hold_key}) or held during a click or scroll, and the one line the computer tool says about it
 * ({@code "Left-clicked at (640, 400)."}, positions in the model's screenshot pixels).
 */
public record AppliedInput(Actor actor, String action, Optional<Position> pointer, Optional<String> text, String description) {

    /** Who acted: the agent through the computer tool, or a person taking over the display. */
    public enum Actor { AGENT, PERSON }

    /** A point on the screen, in screen pixels. */
    public record Position(int x, int y) {}

    /** True for the clicks: left, right, middle, double and triple. */
    public boolean isClick() {
        return ComputerAction.parse(action).map(ComputerAction::isClick).orElse(false);
    }

    static AppliedInput of(Actor actor, ComputerInput input, String description, Point pointer) {
        Optional<String> text = switch (input.action()) {
            case TYPE, KEY, HOLD_KEY -> input.text();
            default -> input.modifiers().map(KeyCombo::text);
        };
        return new AppliedInput(actor, input.action().wireName(), Optional.ofNullable(pointer).map(p -> new Position(p.x, p.y)), text,
                description);
    }
}
