package dev.agentstream.tools.computer;

import java.util.Locale;
import java.util.Optional;

/** The {@code scroll_direction} values and the X wheel button each one is. */
enum ScrollDirection {
    UP(4), DOWN(5), LEFT(6), RIGHT(7);

    private final int xButton;

    ScrollDirection(int xButton) {
        this.xButton = xButton;
    }

    int xButton() {
        return xButton;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ScrollDirection> parse(String name) {
        for (ScrollDirection direction : values()) {
            if (direction.wireName().equals(name)) return Optional.of(direction);
        }
        return Optional.empty();
    }
}
