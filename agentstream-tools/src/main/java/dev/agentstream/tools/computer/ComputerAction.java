package dev.agentstream.tools.computer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The actions of Anthropic's {@code computer_20250124} tool, plus {@code zoom} from {@code computer_20251124}. */
enum ComputerAction {
    SCREENSHOT, KEY, TYPE, MOUSE_MOVE, LEFT_CLICK, RIGHT_CLICK, MIDDLE_CLICK, DOUBLE_CLICK, TRIPLE_CLICK,
    LEFT_CLICK_DRAG, LEFT_MOUSE_DOWN, LEFT_MOUSE_UP, SCROLL, HOLD_KEY, WAIT, CURSOR_POSITION, ZOOM;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ComputerAction> parse(String name) {
        for (ComputerAction action : values()) {
            if (action.wireName().equals(name)) return Optional.of(action);
        }
        return Optional.empty();
    }

    static String allNames() {
        return Arrays.stream(values()).map(ComputerAction::wireName).collect(Collectors.joining(", "));
    }

    /** Whether the result carries a screenshot taken after the action, once the screen has settled. */
    boolean screenshotAfter() {
        return this != SCREENSHOT && this != CURSOR_POSITION && this != ZOOM;
    }

    boolean isClick() {
        return this == LEFT_CLICK || this == RIGHT_CLICK || this == MIDDLE_CLICK || this == DOUBLE_CLICK || this == TRIPLE_CLICK;
    }

    /** Whether the action happens where the pointer is (moves, clicks, drags, the wheel). */
    boolean usesPointer() {
        return isClick() || this == MOUSE_MOVE || this == LEFT_CLICK_DRAG || this == LEFT_MOUSE_DOWN || this == LEFT_MOUSE_UP || this == SCROLL;
    }
}
